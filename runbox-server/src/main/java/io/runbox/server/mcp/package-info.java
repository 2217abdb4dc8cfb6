/**
 * The MCP endpoint for AI agents: {@code /mcp} over Streamable HTTP (the official MCP Java SDK), with the
 * tools {@code list_compilers} and {@code run_code}, behind the same key rules as every other door.
 */
package io.runbox.server.mcp;
