"""People of a council: names, roles, officers, addresses and chat accounts."""
