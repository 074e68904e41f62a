/** ASA configuration export and import; pure. */
package io.fedgate.tlsproxy.asa;
