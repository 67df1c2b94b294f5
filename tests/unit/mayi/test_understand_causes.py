"""General causes of wrong facts found by the fifth round's new questions (questions-6.yaml),
one group of rows per cause: a question, the facts it must give and the facts it must not
give. A rule that only fixed one sentence would fail the other rows of its group; the rows
are variations written for the tests, not the tuning questions themselves."""

from __future__ import annotations

import pytest

from tests.unit.mayi.reading import assert_reads

CASES = [
    # people in a clause that only says when are not whom it is with
    (
        "can i use the classroom laptop for my own banking before the kids arrive?",
        {},
        ("counterparts.role", "counterparts.count"),
    ),
    (
        "Is it ok to browse Amazon on the school computer after my students leave?",
        {},
        ("counterparts.role",),
    ),
    # a group named as a modifier ("team logo", "class roster … to the PTO") is nobody
    (
        "can i print our team logo on hoodies for the fundraiser?",
        {"content.district_logo": True},
        ("counterparts.role", "counterparts.count"),
    ),
    (
        "Can I send the class roster to the booster club treasurer?",
        {},
        ("counterparts.role", "counterparts.count"),
    ),
    # who may read a page ("for other teachers") is not who is in it
    (
        "can i put my unit plans on a blog for other teachers to use?",
        {},
        ("counterparts.role",),
    ),
    # a child named to say who the friend is, people one is quoted from
    (
        "Can I follow my neighbor on Instagram? His daughter is in my 3rd period.",
        {"channel.platform": "instagram"},
        ("counterparts.role", "counterparts.count"),
    ),
    (
        "The paper called: can I give them a comment about the playoffs from my players?",
        {"counterparts.role": "media"},
        (),
    ),
    (
        "can I text a photo of the schedule to one of my students?",
        {"counterparts.role": "student", "counterparts.count": 1},
        (),
    ),
    # a detail of a person that is sent is what goes, not to whom
    (
        "My wife asked me to email her the phone number of a student. Can I?",
        {},
        ("counterparts.role",),
    ),
    # two roles named by the asker: the role is not said
    (
        "I teach chemistry but I also coach cross country. Can I text my runners?",
        {"action": "message"},
        ("actor.role",),
    ),
    # the asker's own login, used by another, is shared by the asker
    (
        "our secretary needs to get into my gradebook today, can she use my login?",
        {"action": "share_credentials"},
        ("actor.role",),
    ),
    # the asker approves or handles what another employee does: not the asker's action
    (
        "As principal, can I approve a coach's request to put the mascot on a team website?",
        {"action": "use_logo"},
        ("actor.role",),
    ),
    (
        "One of our coaches texted players from his cell all season. As the AD, what should I do?",
        {},
        ("actor.role",),
    ),
    (
        "Is it appropriate for a counselor to follow students on TikTok?",
        {"action": "friend_or_follow", "actor.role": "staff"},
        (),
    ),
    # a sale, a discount code or someone's business in a message is commercial use
    (
        "Can I text parents a promo code for my sister's bakery?",
        {"action": "commercial_use", "purpose": "personal"},
        (),
    ),
    (
        "May I email staff about my son's Girl Scout cookies? It's like a cookie sale.",
        {"action": "commercial_use"},
        (),
    ),
    # … but a business card is no business
    (
        "Can I give parents my business card with my school number on it?",
        {},
        ("action", "purpose"),
    ),
    # fantasy leagues are games, run or played
    (
        "can I organize a fantasy basketball league for the math department over school email?",
        {"action": "play_games"},
        (),
    ),
    # installing a VPN: installing, or getting round the filter? neither is kept
    (
        "Am I allowed to download a VPN onto my school chromebook?",
        {},
        ("action",),
    ),
    # an answer "on snap" or "by email" is still an answer to one who wrote first
    (
        "a kid snapchatted me about the quiz. can i answer on snapchat?",
        {"action": "respond_to_contact", "counterparts.initiated_contact": True},
        (),
    ),
    (
        "When I get an email from a dad at night, can I call him back the next day instead?",
        {"action": "respond_to_contact"},
        ("actor.on_duty",),
    ),
    (
        "Una mamá me preguntó por la tarea de su hijo. ¿Se la puedo mandar por WhatsApp?",
        {"action": "respond_to_contact", "counterparts.initiated_contact": True},
        (),
    ),
    # the time something came is not the time of the answer
    (
        "A student emailed me at 11pm Sunday. I did not answer yet. Do I have to reply?",
        {"action": "respond_to_contact"},
        ("actor.on_duty",),
    ),
    (
        "what if a student messages me on discord at 10pm, can i answer",
        {"action": "respond_to_contact", "actor.on_duty": False},
        (),
    ),
    # a choice the question offers ("… or only school phones") is asked, not said
    (
        "Can coaches call players on their cells, or only on district phones?",
        {"channel.medium": "phone"},
        ("channel.device",),
    ),
    # a channel named in the background sentence is not the one asked about
    (
        "Our school uses ClassDojo. Can I also text the families from my phone?",
        {"channel.medium": "text_message", "channel.device": "personal"},
        ("channel.platform",),
    ),
    # an opinion about school matters is not school business
    (
        "Can I post a rant about standardized testing on my own Facebook?",
        {"action": "post"},
        ("purpose",),
    ),
    (
        "Can I write a letter to the editor about the school budget?",
        {"action": "media_contact", "counterparts.role": "media"},
        ("purpose",),
    ),
    # words with two senses: a text one reads, a job posting, a tweet at someone,
    # following a policy
    (
        "Can I scan the text we are reading and put it on Canvas?",
        {},
        ("channel.medium",),
    ),
    (
        "Is it ok to print a job posting from another district on the school printer?",
        {},
        ("action",),
    ),
    (
        "Can I tweet at a parent to thank her for volunteering?",
        {},
        ("action",),
    ),
    (
        "Do coaches have to follow the district's social media guidelines on personal pages?",
        {},
        ("action",),
    ),
    # a post on someone's personal page; the paraprofessional is who would post
    (
        "Is it ok for an aide to share videos of students on his personal Instagram?",
        {"action": "post", "channel.account": "personal"},
        (),
    ),
    # what a friendship or a login is for is not carried by it
    (
        "Can I friend a dad on facebook so I can send him his daughter's IEP updates?",
        {"action": "friend_or_follow"},
        ("content.student_records", "content.student_pii"),
    ),
    # a social network where the thing is, when it is sent by e-mail or text, is not the channel
    (
        "Can I text parents the link to the slideshow I put on our class Instagram?",
        {"channel.medium": "text_message"},
        ("channel.platform",),
    ),
    # one's own child's homework is not the asker's school business
    (
        "Can my son use my district login to finish his homework?",
        {"action": "share_credentials"},
        ("purpose",),
    ),
    # an account described by its kind, signed up for
    (
        "Could I sign up for a separate Twitter account for my AP Gov class?",
        {"action": "create_account", "channel.platform": "x"},
        (),
    ),
    # an action one used to do is the story, not the question
    (
        "I used to post student art on my Facebook. Can I start a professional page instead?",
        {"action": "create_account"},
        (),
    ),
    # parents who did not sign a release are a permission, not whom it is with
    (
        "Puedo subir fotos del festival a la página de la escuela? Unos papás no firmaron.",
        {},
        ("counterparts.role",),
    ),
    # the district's crest or seal is its mark; put on something sold, two readings
    (
        "Can I put the school crest on a tote bag I sell at the craft fair?",
        {"content.district_logo": True},
        ("action",),
    ),
    # an app put on a school computer is installed
    (
        "Can I put Roblox on the library computers?",
        {"action": "install_software", "channel.device": "district"},
        (),
    ),
    # a price list is selling
    (
        "I sell candles. Can I email my prices to the teachers at my school?",
        {"action": "commercial_use"},
        (),
    ),
    # logging into another's account is using their login
    (
        "My department head wants me to sign into his Canvas to grade while he's out. Ok?",
        {"action": "share_credentials"},
        (),
    ),
    # "a really personal email" says what it is about, not whose account it came from
    (
        "A parent sent me a very personal email about her marriage. Do I answer it?",
        {"action": "respond_to_contact"},
        ("channel.account",),
    ),
    (
        "Can I email parents from a personal email account?",
        {"channel.account": "personal"},
        (),
    ),
    # a planning period login, a planning period room are not the time
    (
        "Can the sub use my planning period password to print?",
        {},
        ("actor.duty_free",),
    ),
    # a call or text to one's own family's sitter is personal use
    (
        "is it ok to call my daughter's daycare from the classroom phone?",
        {"action": "personal_use", "purpose": "personal"},
        (),
    ),
    # what one writes or complains about is the topic, not whom it is with
    (
        "Can I blog about a rude colleague if I change her name?",
        {},
        ("counterparts.role",),
    ),
    # a phone number in a signature with the logo is not the device it is sent from
    (
        "Can my e-mail signature have the school logo and my cell number?",
        {"action": "use_logo", "content.district_logo": True},
        ("channel.device",),
    ),
    # a colleague who would use the asker's login, in Spanish too
    (
        "¿Puede mi asistente usar mi contraseña de PowerSchool?",
        {"action": "share_credentials"},
        ("content.student_records",),
    ),
    # what arrived, in Spanish words
    (
        "Una alumna me envió fotos inapropiadas por Snapchat. ¿Qué hago?",
        {"action": "receive", "content.inappropriate": True},
        (),
    ),
    (
        "Is it inappropriate to text a student happy birthday?",
        {"action": "message"},
        ("content.inappropriate",),
    ),
    # the time a message came, in Spanish
    (
        "Un papá me texteó a medianoche. ¿Le contesto mañana?",
        {"action": "respond_to_contact"},
        ("actor.on_duty",),
    ),
    # a rule stated ("I can't use my cell") says neither which device is used nor the other
    (
        "My AP says I can't use my personal phone to text parents. Is she right?",
        {"channel.medium": "text_message"},
        ("channel.device",),
    ),
    (
        "Me dijeron que no puedo usar mi celular para llamar a los papás. ¿Es cierto?",
        {"channel.medium": "phone"},
        ("channel.device",),
    ),
    # a team one sponsors, supports or roots for is nobody written to; a team's account is
    # an account
    (
        "My brother's gym wants to sponsor our team. Can I share his flyer on my Facebook?",
        {},
        ("counterparts.role", "counterparts.count"),
    ),
    (
        "Can I repost the game schedule from the team Instagram?",
        {},
        ("counterparts.role",),
    ),
    # a student-run business is school business, not the asker's own
    (
        "My students are selling cookies for our student-run store. Can I email staff about it?",
        {},
        ("purpose",),
    ),
    # the app named in the sentence before is not the channel the question asks about
    (
        "The district pays for ClassDojo, but some dads never open it. Is calling them okay?",
        {"channel.medium": "phone"},
        ("channel.platform",),
    ),
    (
        "Can I call a student's house to check on her? Her mom never reads Remind.",
        {"channel.medium": "phone"},
        (),
    ),
    # a parent who asks the asker to add her child: the child would be written to
    (
        "A dad asked me to text his daughter the makeup test time. Ok?",
        {"channel.medium": "text_message"},
        ("counterparts.role",),
    ),
    # a picture of a student's project is a picture of the project
    (
        "Can I post a photo of a student's diorama on the class page?",
        {"action": "post"},
        ("content.student_images",),
    ),
    (
        "Can I post a photo of my students at the science fair on the class page?",
        {"content.student_images": True},
        (),
    ),
    # "me, the principal" is the asker, not whom it is with
    (
        "A coach emailed me, the assistant principal, at midnight. Do I reply tonight?",
        {"action": "respond_to_contact", "actor.role": "administrator"},
        (),
    ),
    # the app or the people of a sentence after the question are background
    (
        "Can I text my runners the bus time? Their parents get it on ClassDojo already.",
        {"channel.medium": "text_message", "counterparts.role": "student"},
        ("channel.platform",),
    ),
    # a screenshot of a snap or a post is what is sent, not how
    (
        "Can I screenshot a kid's instagram story and email it to his counselor?",
        {"channel.medium": "email"},
        ("channel.platform",),
    ),
    # the audience of a post is not its counterpart
    (
        "Can I livestream the spring concert on my own YouTube for grandparents who live far away?",
        {"action": "post"},
        ("counterparts.role",),
    ),
    # an asker with two hats
    (
        "I'm a para and a parent at this school. Can I text other parents about the PTO?",
        {},
        ("actor.role",),
    ),
    (
        "Im a teacher and a parent in my class is my cousin. Can I friend her?",
        {"actor.role": "teacher"},
        (),
    ),
    # plural district devices are district devices
    (
        "can I use the school laptops to zoom with parents?",
        {"channel.device": "district"},
        (),
    ),
]


@pytest.mark.parametrize(("question", "expected", "absent"), CASES)
def test_general_causes(
    question: str, expected: dict[str, object], absent: tuple[str, ...]
) -> None:
    assert_reads(question, expected, absent)
