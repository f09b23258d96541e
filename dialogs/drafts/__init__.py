"""What was read, waiting to be saved: action, meeting and batch drafts."""
