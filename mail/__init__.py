"""The mail channel: an SMTP server that accepts mail for the helpdesk, turns it into tickets and answers through a
durable outbox. It uses the helpdesk core; the core never imports it."""
