/**
 * Languages as data: {@code languages/<id>/language.yaml} definitions, the probe that finds which
 * toolchains of each are installed, and version selection among them.
 */
package io.runbox.execution.catalogue;
