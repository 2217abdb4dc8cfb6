/** Operating the service: health, Prometheus metrics, the OpenAPI document and its browsable page. */
package io.runbox.server.ops;
