"""Reports and cases: reports routed to the roles the pack names, with deadlines,
escalation, notes and attachments; contact-attempt counting; the mandated reporter's duty."""
