"""Text in and out: cleaning, folding, HTML to text, our own markup."""
