"""Generator for the 质量月公告档案 static site: seeds/ in, Markdown pages in docs/ out."""
