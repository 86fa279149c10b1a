"""CRA reporting helpdesk: answers manufacturers' questions on how to report under CRA Art. 14."""

__version__ = "0.1.0"
