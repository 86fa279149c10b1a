"""The staff desk: accounts, sessions, the queue, tickets and replies through the ticket's channel."""
