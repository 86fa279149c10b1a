"""Durable storage: tickets, messages, contacts, the outbox and the audit log (SQLite by default, PostgreSQL in
production). Channels store through here; the assistant never touches it."""
