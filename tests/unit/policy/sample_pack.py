"""A small pack used to test the engine's mechanics apart from any district's text."""

SAMPLE_PACK = """
id: sample
version: "1"
district: Sample District
state: IL
policy: {number: "5.125", title: Sample Policy, source: sample.txt}
roles:
  - {id: building_principal, name: Building Principal}
  - {id: supervisor, name: Supervisor}
forms:
  - id: social-media-request
    title: Social Media Request Form
    approver: building_principal
    clause: Item 2
    quote: obtain prior written approval
rules:
  - id: no-texting-students
    clause: Item 1
    quote: Employees may not communicate with students via text messaging.
    when:
      action: message
      channel.medium: text_message
      counterpart: {role: student}
    unless: {actor.relationship: [familial, religious, community]}
    verdict: prohibited
    obligations: [{do: redirect, when: use district e-mail}]
  - id: relationship-notice
    clause: Item 3
    quote: shall notify their Building Principal of the relationship.
    when:
      action: message
      counterpart: {role: student}
      actor.relationship: [familial, religious, community]
    verdict: allowed_with_obligations
    obligations: [{do: notify, to: building_principal}]
  - id: district-email-ok
    clause: Item 1
    quote: Employees must use their District issued e-mail accounts.
    when: {action: message, channel.medium: email, channel.account: district}
    verdict: allowed
  - id: social-media-request
    clause: Item 2
    quote: obtain prior written approval
    when: {action: create_account, channel.account: district}
    verdict: needs_approval
    approval: {by: building_principal, form: social-media-request}
    once_approved:
      verdict: allowed_with_obligations
      obligations: [{do: notify, to: building_principal, when: the web address}]
  - id: repeated-contact
    clause: Item 7
    quote: the employee must share the information with his supervisor.
    when:
      action: respond_to_contact
      counterpart: {role: student, initiated_contact: true, contact_attempts: {gte: 2}}
    verdict: allowed_with_obligations
    obligations: [{do: report, to: supervisor, when: repeated_contact}]
"""
