/**
 * The MCP endpoint for AI agents: {@code /mcp} over Streamable HTTP (the official MCP Java SDK), with the
 * tools {@code list_compilers}, {@code run_code} and the session tools, behind the same key rules as every other
 * door; in a cluster, a call naming an MCP session held by another node is sent there.
 */
package io.runbox.server.mcp;
