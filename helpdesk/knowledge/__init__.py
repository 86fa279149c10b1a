"""The curated knowledge base: articles on disk, their validation and rendering."""

from helpdesk.knowledge.articles import Article, KnowledgeBase, load_knowledge_base

__all__ = ["Article", "KnowledgeBase", "load_knowledge_base"]
