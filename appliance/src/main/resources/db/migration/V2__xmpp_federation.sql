-- XMPP federation (issue 6): the DNS resolver the XMPP Federation Connection Manager asks for SRV
-- records (empty = the system resolver), and a description per DNS override.
-- Portable SQL: runs on H2 2.x and PostgreSQL 15.
ALTER TABLE xmpp_federation_settings ADD COLUMN dns_resolver VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE xmpp_dns_override ADD COLUMN description VARCHAR(255) NOT NULL DEFAULT '';
