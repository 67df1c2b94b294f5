"""What the facts a May I? question states imply about each other (the contract's own
derivations and the readings one fact rules out), applied after the cues are read. Pure."""

from __future__ import annotations

import re

from lanyard.mayi.actor import _ASKED_FOR_THEM
from lanyard.mayi.clauses import _QUESTION_LEAD, _last_question_sentence
from lanyard.mayi.counterpart_cues import _CAME_TO_ME
from lanyard.mayi.cues import _ON_ACCOUNT, _REQUESTS, _SCHOOL_ACCOUNT, Understood


def _with_someone(found: dict[str, Understood]) -> bool:
    """Whether the question was read to be with someone: one counterpart's role, or several
    (``counterparts.<i>.role``)."""
    return any(f.startswith("counterparts.") and f.endswith(".role") for f in found)


def _imply(found: dict[str, Understood], text: str) -> None:
    """What the words say together: a post on a platform is a social post; "my son" is
    one's own child; a message that arrived first means they initiated contact."""
    action = found.get("action")
    arrived = re.search(
        r"\b(?:sent me|got an?|received an?|keeps (?:calling|texting|messaging|emailing|e-mailing|"
        r"snapping|dm'?ing|sending me)|me mandó|me envió|recibí)\b",
        text,
        re.IGNORECASE,
    )
    bad = any(
        f in found
        for f in (
            "content.threatening",
            "content.sexual",
            "content.harassing",
            "content.suspected_abuse",
            "content.security_breach",
        )
    )
    unsure = arrived and re.search(
        r"\b(?:weird|strange|creepy|suspicious|sketchy|scary|odd|unknown number|number i "
        r"(?:don'?t|do not) (?:know|recognize)|someone i (?:don'?t|do not) know|anonymous|"
        r"with a link|a link in it)\b",
        text,
        re.IGNORECASE,
    )
    at_a_loss = re.search(
        r"\b(?:what (?:do|should) i do|what now|should i (?:report|block|worry|click|open)|"
        r"is (?:this|that|it) (?:a scam|safe|legit|normal)|did i get hacked|qu[ée] hago)\b",
        text,
        re.IGNORECASE,
    )
    if (
        arrived
        and (bad or arrived.group(0).lower().startswith("keeps") or (unsure and at_a_loss))
        and (
            action is None
            or action.value == "message"
            or (action.value == "respond_to_contact" and bad)
        )
    ):
        action = found["action"] = Understood("action", "receive", arrived.group(0))
    act = action.value if action else None
    media = found.get("counterparts.role")
    if act in ("message", "respond_to_contact") and media is not None and media.value == "media":
        action = found["action"] = Understood("action", "media_contact", media.words)
        act = "media_contact"
    family = (
        re.search(
            re.escape(action.words) + r"\s+(?:with\s+|to\s+)?(?:(?:his|her|their) own (?:kids|"
            r"children|son|daughter|child)\b|(?:my|mi) (?:husband|wife|spouse|"
            r"partner|boyfriend|girlfriend|fianc[ée]e?|mom|dad|mother|father|esposo|esposa|"
            r"mamá|papá|doctor|doctor's office|dentist|pharmacy|bank|mechanic|landlord|"
            r"insurance(?: company)?|vet|médico|doctora?|(?:(?:kids?|son|daughter|children)"
            r"(?:'s|s'|') )?(?:babysitter|sitter|nanny|daycare|pediatrician))\b)",
            text,
            re.IGNORECASE,
        )
        if action is not None
        else None
    )
    if act == "message" and family and not _with_someone(found):
        # "FaceTime my husband on my planning period": a personal call, not school contact
        action = found["action"] = Understood("action", "personal_use", family.group(0))
        act = "personal_use"
        said = found.get("purpose")
        if said is None or re.fullmatch(r"(?i)lockdown", said.words):
            # "During a lockdown can I text my wife that I'm ok?": the lockdown says when
            found["purpose"] = Understood("purpose", "personal", family.group(0))
    if act == "post" and getattr(found.get("channel.medium"), "value", None) == "instant_message":
        # "post in the staff Slack": a message in a chat, not a publication
        action = found["action"] = Understood("action", "message", action.words if action else "")
        act = "message"
    if act in _NOBODY_RECEIVES:
        for name in [f for f in found if f.startswith("counterparts.") or f in _CARRIED]:
            del found[name]
    if act in ("disable_filter", "install_software", "play_games"):
        found.pop("content.copyrighted_material", None)  # nothing is sent or published
    if act not in ("receive", "respond_to_contact"):
        found.pop("content.inappropriate", None)  # "is it inappropriate to …": asked, not sent
    device = found.get("channel.device")
    if (
        act == "use_logo"
        and device is not None
        and re.search(r"\b(?:cell|phone|number|celular|n[uú]mero)\b", device.words, re.I)
    ):
        del found["channel.device"]  # "a signature with the seal and my personal cell": a number

    purpose = found.get("purpose")
    if (
        purpose is not None
        and purpose.value == "district_business"
        and act in ("post", "media_contact")
        and (opinion := _OPINION.search(text))
    ):
        # "a letter to the editor about class sizes", "a meme about grading": the school is
        # what the opinion is about, not whose business it is
        del found["purpose"]
        if "personal" in opinion.group(0).lower() or "opini" in opinion.group(0).lower():
            found["purpose"] = Understood("purpose", "personal", opinion.group(0))
    about_us = re.search(
        r"\b(?:about|on|regarding|sobre) (?:our|my|the) (?:school|district|escuela|distrito)\b",
        text,
        re.IGNORECASE,
    )
    if act == "media_contact" and about_us and "content.speaks_for_district" not in found:
        # "talk to a reporter about our school": what is said is about the district
        found["content.speaks_for_district"] = Understood(
            "content.speaks_for_district", True, about_us.group(0)
        )
    if act in ("disable_filter", "install_software"):
        found.pop("channel.platform", None)  # the site or app itself, not a channel
        found.pop("channel.medium", None)  # "email IT to unblock it": how one asks IT
    platform = found.get("channel.platform")
    if (
        platform is not None
        and platform.words.lower().startswith("snapp")
        and act not in ("receive", "respond_to_contact")
    ):
        found.pop("channel.platform")  # "a kid kept snapping me. Can I post …": the story's
        found.pop("channel.disappearing", None)
    when = found.get("actor.on_duty")
    if (
        act == "respond_to_contact"
        and when is not None
        and (asked := _last_question_sentence(text)) is not None
        and text.find(when.words) < asked
        and re.search(
            r"\b(?:tomorrow|in the morning|later|next (?:day|week)|monday|on monday|when i get "
            r"(?:to school|in)|till morning|until morning|mañana)\b",
            text[asked:],
            re.IGNORECASE,
        )
    ):
        del found["actor.on_duty"]  # "emailed me at midnight … answer in the morning"
    for name in ("actor.on_duty", "actor.duty_free"):
        when = found.get(name)
        if act != "respond_to_contact" or when is None or (at := text.find(when.words)) < 0:
            continue
        sentence = re.split(r"[.!?;]", text[:at])[-1] + re.split(r"[.!?;]", text[at:])[0]
        if re.search(_CAME_TO_ME, sentence, re.IGNORECASE) and not _QUESTION_LEAD.search(sentence):
            del found[name]  # "Parent texted me a thank-you at 10pm. … reply?": when it came
    if act == "receive":
        found.pop("actor.on_duty", None)  # "told me … in class today": when it arrived
    if (
        act in ("post",)
        and "channel.platform" in found
        and found["channel.platform"].value not in ("canvas", "remind")
        and "channel.medium" not in found
    ):
        platform = found["channel.platform"]
        found["channel.medium"] = Understood("channel.medium", "social_post", platform.words)
    if act in ("post", "respond_to_contact") and "channel.medium" not in found:
        comment = re.search(
            r"\b(?:comment(?:ed|ing)? (?:on|under)|(?:reply|respond) to (?:a|the|her|his|their|"
            r"this|that) comment|comments? (?:on|under)|(?:in|on) the comments|comentar(?:io)?)\b",
            text,
            re.IGNORECASE,
        )
        site = re.search(
            r"\bon (?:the |my |our |a )?(?:class |classroom |school |team |band |club )?"
            r"(?:web ?site|blog|web ?page)\b",
            text,
            re.IGNORECASE,
        )
        if comment and not site:
            found["channel.medium"] = Understood(
                "channel.medium", "comment_reply", comment.group(0)
            )
        elif site and act == "post" and not comment:
            found["channel.medium"] = Understood("channel.medium", "website", site.group(0))
    if act in ("message", "respond_to_contact", "receive") and "channel.medium" not in found:
        m = re.search(
            r"\b(?:dm|message|messaged|messaging|msg|snap|snapchat|mensajes?)\b", text, re.I
        )
        said = found.get("channel.platform")
        if m and said and said.value in ("instagram", "snapchat", "tiktok", "facebook"):
            found["channel.medium"] = Understood("channel.medium", "social_dm", m.group(0))
    lms = found.get("channel.platform")
    if (
        act in ("message", "respond_to_contact")
        and "channel.medium" not in found
        and lms is not None
        and lms.value in ("canvas", "google classroom", "schoology")
        and re.search(
            r"\b(?:message\w*|msg|announcements?|inbox|send|sent|contact|write|tell|mensajes?|"
            r"anuncios?)\b",
            text,
            re.IGNORECASE,
        )
    ):
        # "message my students on Canvas", "a Google Classroom announcement": the LMS's inbox
        found["channel.medium"] = Understood("channel.medium", "lms_message", lms.words)
    if (
        act == "commercial_use"
        and "purpose" in found
        and found["purpose"].value == "district_business"
        and not re.search(_FOR_SCHOOL, text, re.IGNORECASE)
    ):
        del found["purpose"]  # "sell my lesson plans": school work, sold for oneself?
    if (
        act in _PERSONAL_ACTIONS
        and "purpose" not in found
        and not re.search(_FOR_SCHOOL, text, re.IGNORECASE)
    ):
        found["purpose"] = Understood("purpose", "personal", action.words if action else "")
    if (
        act == "disable_filter"
        and "purpose" not in found
        and (school := _FOR_TEACHING.search(text)) is not None
    ):
        # "unblock a site for my students' research": the filter is opened for teaching
        found["purpose"] = Understood("purpose", "district_business", school.group(0))
    if (
        act == "personal_use"
        and "purpose" not in found
        and (
            m := re.search(
                r"\b(?:personal (?:e-?mail|texts?|calls?|stuff|business|errands|shopping|"
                r"social media|facebook|instagram|account)|correo personal)\b",
                text,
                re.IGNORECASE,
            )
        )
    ):
        found["purpose"] = Understood("purpose", "personal", m.group(0))
    if act == "create_account" and "channel.medium" not in found:
        said = found.get("channel.platform")
        medium = account_medium(said.value if said else None, text)
        if medium is not None:
            words = said.words if said and medium[1] == said.value else medium[1]
            found["channel.medium"] = Understood("channel.medium", medium[0], words)
    purpose = found.get("purpose")
    if (
        purpose is not None
        and act not in _ON_ACCOUNT
        and re.fullmatch(_SCHOOL_ACCOUNT, purpose.words, re.IGNORECASE)
    ):
        del found["purpose"]  # "DM my students from the class account": why is not said
    relationship = found.get("actor.relationship")
    if relationship and relationship.value != "familial" and not _with_someone(found):
        del found["actor.relationship"]  # "a flyer for my church's car wash": with nobody
    role = found.get("counterparts.role")
    if (
        relationship
        and relationship.value == "familial"
        and re.search(r"\b(?:son|daughter|hij[oa]|kid|child)\b", relationship.words, re.I)
        and (role is None or role.value != "student")
    ):
        del found["actor.relationship"]  # "my daughter sells cookies … to the staff": not them
    elif (
        relationship
        and role is None
        and act not in ("message", "respond_to_contact", "friend_or_follow", "receive")
    ):
        found.pop("actor.relationship", None)  # "my wife and I want to start a blog": nobody
    if (
        act == "receive"
        and "purpose" in found
        and not re.match(
            r"(?:about|abt|bout|regarding|re\b|sobre)", found["purpose"].words, re.IGNORECASE
        )
    ):
        del found["purpose"]  # "the class page got hacked": what arrived has no purpose
    if (
        relationship
        and relationship.value == "familial"
        and (role is None or role.value != "community")
        and re.search(
            r"\b(?:my|mi) (?:wife|husband|esposo|esposa),? (?:also |too |who )?(?:teaches|works|"
            r"coaches|subs|is|was|wants|asked|needs|runs|has|trabaja|enseña|es)\b[^?]*"
            r"\b(?:can|could|may|should|is|would) (?:he|she)\b"
            r"(?! (?:text|call|email|message) me\b)",
            text,
            re.I,
        )
    ):
        found.pop("actor.relationship", None)  # "My husband teaches at my school. Can he
        # friend my students' parents?": he would act, his wife is not whom it is with
    link = found.get("channel.platform")
    if (
        link is not None
        and link.value in SOCIAL_PLATFORMS
        and act in ("message", "respond_to_contact")
        and re.search(
            r"\blinks? (?:to|for) (?:my |our |the |a |his |her |their )?(?:personal |own |class |"
            r"school |new |team )?" + re.escape(link.words),
            text,
            re.I,
        )
    ):
        del found["channel.platform"]  # "send my class a link to my YouTube channel": where
        found.pop("channel.disappearing", None)  # the thing is, not how it is sent
    if act in ("share_credentials", "friend_or_follow"):
        for name in [f for f in found if f in _CARRIED]:
            del found[name]  # what the login or the friendship is for is not carried by it
    network = found.get("channel.platform")
    sent_by = found.get("channel.medium")
    if (
        network is not None
        and sent_by is not None
        and sent_by.value in ("email", "text_message", "phone")
        and network.value in SOCIAL_PLATFORMS
        and act in ("message", "respond_to_contact", "commercial_use")
    ):
        del found["channel.platform"]  # "email parents the video I posted on YouTube": where
        found.pop("channel.disappearing", None)  # the thing is, not how it is sent
    pii = found.get("content.student_pii")
    if (
        pii is not None
        and pii.value is False
        and any(
            found.get(f"content.{d}") is not None and found[f"content.{d}"].value is True
            for d in ("student_work", "student_records")
        )
    ):
        del found["content.student_pii"]  # "their art, without names": still their work
    if "content.public_extracurricular" in found and "content.student_images" not in found:
        del found["content.public_extracurricular"]
    images = found.get("content.student_images")
    event = _SCHOOL_EVENT.search(text)
    if (
        images is not None
        and images.value is True
        and event is not None
        and "content.student_directory_info" not in found
    ):
        # the contract lists photos at events as directory information
        found["content.student_directory_info"] = Understood(
            "content.student_directory_info", True, event.group(0)
        )
    listed = found.get("content.student_directory_info")
    if listed is not None and listed.value is True and act in _NOBODY_RECEIVES:
        del found["content.student_directory_info"]  # nothing is sent or published
    elif (
        listed is not None
        and listed.value is True
        and "content.student_pii" not in found
        and not _NO_NAMES.search(text)
    ):
        # names, honours and photos at events are identifying information of students
        found["content.student_pii"] = Understood("content.student_pii", True, listed.words)
    if re.search(
        r"\b(?:(?:at|in|goes to|go to|attends?) (?:another|a different|a private|other) school|"
        r"(?:doesn'?t|don'?t|does not|do not) (?:go to|attend) (?:my|our|this|the same) school)\b",
        text,
        re.IGNORECASE,
    ) and re.search(
        r"\b(?:my|mi) (?:own )?(?:son|daughter|kids?|children|child|hij[oa]s?)\b", text, re.I
    ):
        # "my daughter … at another school": not one of the district's students
        for name in [f for f in found if f.startswith("counterparts.")]:
            del found[name]
        for name in ("content.student_images", "content.student_records", "content.student_pii"):
            found.pop(name, None)
        if found.get("actor.relationship") and found["actor.relationship"].value == "familial":
            del found["actor.relationship"]
    own = re.search(
        r"\b(?:my|mi) (?:own )?(?:son|daughter|kid|child|hij[oa])\b(?!'s)(?! (?:coach|"
        r"teacher|team|school|class)\b)",
        text,
        re.IGNORECASE,
    )
    role = found.get("counterparts.role")
    if own and role is not None and role.value == "student":
        found["counterparts.own_child"] = Understood("counterparts.own_child", True, own.group(0))
        purpose = found.get("purpose")
        if (
            purpose is not None
            and purpose.value == "district_business"
            and re.search(
                r"\b(?:her|his|their|su|sus) (?:own )?" + re.escape(purpose.words) + r"\b"
                r"|\b(?:her|his|their|su|sus) (?:own )?(?:home ?work|hw|grades?|tarea|"
                r"calificaciones)\b",
                text,
                re.IGNORECASE,
            )
        ):
            del found["purpose"]  # "my kid … so she can do her homework": the child's, not the job
    first = re.search(
        r"\b(?:wrote|texted|txted|messaged|msged|emailed|e-mailed|dm'?d|dmed|dm'?ed|called|"
        r"snapped|snapchatted|snapchat'?d|facetimed|whatsapped|inboxed|pinged|sent|asked|contacted|"
        r"left|reached out to|tagged|added|followed|requested|"
        r"friend[- ]requested|commented|keeps? (?:calling|texting|messaging|emailing|e-mailing|"
        r"snapping|dm'?ing))\b(?: me| my\b)"
        r"|\b(?:" + _REQUESTS + r")\b",
        text,
        re.IGNORECASE,
    )
    passed_on = _ASKED_FOR_THEM.search(text)
    if first and passed_on and passed_on.start() <= first.start() < passed_on.end():
        first = None  # "one of my teachers asked me if she can …": her question, no contact
    cp = found.get("counterparts.role")
    if (
        action is not None
        and act == "message"
        and cp is not None
        and not re.search(r"\b(?:ignored|last (?:week|month|year)|ago|years?)\b", text, re.I)
        and re.search(
            re.escape(cp.words)
            + r"\s+(?:\w+\s+){0,2}(?:texted|txted|messaged|msged|emailed|e-mailed|"
            r"dm'?d|dmed|called|wrote|snapped|left me|sent me|asked me|me escribi[óo]|"
            r"me mand[óo]|me llam[óo]|me pidi[óo]|me pregunt[óo]|me contact[óo])\b",
            text,
            re.IGNORECASE,
        )
        and re.search(
            r"\b(?:call|text|txt|email|e-mail|message|msg|dm|tell|answer|write|reply to|send)\s+"
            r"(?:her|him|them)\b|\bllamarl[ea]s?\b|\bcontestarl[ea]s?\b"
            r"|\b(?:se l[oa]s?|le|les) (?:puedo |podemos )?(?:mand|envi|escrib|contest|respond)\w*"
            r"|\b(?:mand|envi|escrib|contest|respond)\w*(?:le|les|selo|sela|selos)\b",
            text[max(0, text.find(action.words) - 16) :],
            re.IGNORECASE,
        )
    ):
        # "a dad dm'd me … can I tell him there?": an answer to one who wrote first
        action = found["action"] = Understood("action", "respond_to_contact", action.words)
        act = "respond_to_contact"
    wrote_first = re.search(
        r"\b(?:texted|txted|messaged|msged|emailed|e-mailed|dm'?d|dmed|called|wrote|snapped|"
        r"contacted|reached out to) me first\b|\b(?:if|since|after|because|when|now that) "
        r"(?:she|he|they|the (?:student|kid|parent|mom|dad)) (?:already |just )?(?:texted|txted|"
        r"messaged|msged|emailed|e-mailed|dm'?d|dmed|called|wrote|snapped|contacted) me\b",
        text,
        re.IGNORECASE,
    )
    came = (
        re.search(
            r"\b(?:get|gets|got|receive|receives|received)\s+(?:a|an)\s+(?:\w+\s+)?(?:text|"
            r"email|e-mail|message|call|voicemail|dm|snap)\s+from\s+(?:\w+\s+){0,2}?"
            + re.escape(cp.words)
            + r"\b(?=[^.!?]*[.!?,]?[^.!?]*\b(?:call|text|txt|email|e-mail|message|dm|answer|"
            r"reply to|write)\s+(?:her|him|them)\b)",
            text,
            re.IGNORECASE,
        )
        if cp is not None
        else None
    )
    if action is not None and act == "message" and came:
        action = found["action"] = Understood("action", "respond_to_contact", action.words)
        act = "respond_to_contact"
        first = first or came
    if action is not None and act == "message" and cp is not None and wrote_first:
        # "can I text a student if she texted me first": an answer to one who wrote first
        action = found["action"] = Understood("action", "respond_to_contact", action.words)
        act = "respond_to_contact"
        first = first or wrote_first
    if "counterparts.role" in found and act == "respond_to_contact" and not first:
        # the contract's respond_to_contact is a reply to one who wrote first
        first = re.search(re.escape(action.words), text) if action else None
    if (
        first
        and "counterparts.role" in found
        and act in ("respond_to_contact", "receive", "friend_or_follow", "media_contact")
    ):
        found["counterparts.initiated_contact"] = Understood(
            "counterparts.initiated_contact", True, first.group(0)
        )
    former = re.search(
        r"\b(?:former students?|ex[- ]?students?|past students?|old students?|graduated|"
        r"exalumn[oa]s?|ex[- ]alumn[oa]s?|alums?|alumni|alumnus)\b(?!'s)",
        text,
        re.IGNORECASE,
    )
    role_now = found.get("counterparts.role")
    if former and (role_now is None or role_now.value == "student"):
        # "a student's older brother … He graduated": a student field, only of a student
        found["counterparts.former_student"] = Understood(
            "counterparts.former_student", True, former.group(0)
        )
    times = re.search(r"\b(\d{1,2}) (?:times|veces)\b", text, re.IGNORECASE)
    if times and act in ("receive", "respond_to_contact") and "counterparts.role" in found:
        found["counterparts.contact_attempts"] = Understood(
            "counterparts.contact_attempts", int(times.group(1)), times.group(0)
        )
    adult = re.search(
        r"\b(?:(?:is|she's|he's|they're|who's|who is|now|turned|tiene) (?:1[89]|[2-9]\d)\b"
        r"(?! (?:kids|students|minutes|min|days|times))|(?:1[89]|[2-9]\d)[- ]?(?:years? old|yo"
        r"|y/o|year-old)|over 18|mayor de edad)",
        text,
        re.IGNORECASE,
    )
    role = found.get("counterparts.role")
    if (
        adult
        and role
        and role.value == "student"
        and found.get("counterparts.count", role).value == 1
    ):
        found["counterparts.age_18_or_over"] = Understood(
            "counterparts.age_18_or_over", True, adult.group(0)
        )
    grade = re.search(
        r"\b(?:(?P<hs>(?:9th|10th|11th|12th)[- ]grade(?:rs?)?|freshm[ae]n|sophomores?|juniors?|"
        r"seniors?(?! citizens?)|varsity|high school|hs|prepa|ap (?:class(?:es)?|students?|kids|"
        r"bio\w*|chem\w*|calc\w*|lit\w*|lang\w*|english|history|gov\w*|psych\w*|physics|stats?|us|"
        r"world|euro\w*|spanish|art|music|environmental|computer))|(?P<ms>[78]th[- ]grade(?:rs?)?|"
        r"middle school(?:ers?)?)|(?P<es>(?:k|1st|2nd|3rd|4th|5th)[- ]grade(?:rs?)?|"
        r"kindergarten|kinder|kínder|elementary|primaria))\b",
        text,
        re.IGNORECASE,
    )
    if grade and role and role.value == "student" and "counterparts.count" in found:
        band = "high" if grade.group("hs") else "middle" if grade.group("ms") else "elementary"
        found["counterparts.grade_band"] = Understood(
            "counterparts.grade_band", band, grade.group(0)
        )


# School events whose photos the contract counts as directory information ("photos at events").
_SCHOOL_EVENT = re.compile(
    r"\b(?:(?:football|basketball|soccer|volleyball|baseball|softball|hockey|lacrosse|home|away|"
    r"playoff|championship|state|big|friday night'?s?) (?:game|match)|the game|games|"
    r"(?:track|swim|cross country|wrestling) meet|tournament|concert|recital|school play|"
    r"the play|musical|field day|fun run|homecoming|parade|prom|school dance|senior night|"
    r"pep rally|talent show|bake sale|carnival|partido|concierto)\b",
    re.IGNORECASE,
)

# Actions where no one receives, is friended or is pictured (the contract's counterparts)
# and nothing is carried: people and records named are the story around it ("unblock a
# site for my students' project"), so they are not read.
_NOBODY_RECEIVES = frozenset(
    {"install_software", "disable_filter", "play_games", "personal_use", "use_logo"}
)

_CARRIED = frozenset({"content.student_records", "content.student_pii", "content.student_work"})

# An opinion, a joke or a complaint about school matters: not school business.
_OPINION = re.compile(
    r"\b(?:my (?:personal )?opinion|opinions?|memes?|jokes?|rant|vent(?:ing)?|complain\w*|"
    r"letters? to the editor|op-?eds?|editorials?|disagree\w*|criticiz\w*|"
    r"no estoy de acuerdo|mi opini[oó]n)\b",
    re.IGNORECASE,
)

# Actions done for oneself (a commercial purpose, games), unless the words say the games
# are for class. Personal use is not among them: "use my phone in class" may be for class.
# What a site is unblocked for, where it is teaching: the class, the students, a lesson, research.
_FOR_TEACHING = re.compile(
    r"\b(?:class(?:es|room)?|students?|lessons?|research\w*|units?|projects?|curriculum|"
    r"teach(?:ing)?|assignments?|debate|alumnos|estudiantes|clases?|investig\w*|lecci[oó]n|"
    r"educational|instruction(?:al)?|pupils|\d+(?:st|nd|rd|th) graders)\b",
    re.IGNORECASE,
)

# Names left out ("no names showing", "I won't tag anyone", "sin nombres"): what identifies the
# students is not said to be there.
_NO_NAMES = re.compile(
    r"\b(?:no|without|sin|not?) (?:\w+ )?(?:names?|nombres|tags?|tagging)\b|\bwon'?t tag\b|"
    r"\bnames? (?:blurred|hidden|covered|removed)\b",
    re.IGNORECASE,
)

_PERSONAL_ACTIONS = frozenset({"commercial_use", "play_games"})

_FOR_SCHOOL = (
    r"\b(?:educational|education|for (?:my |our |the |a )?(?:class|classes|students|lesson)|"
    r"with (?:my |our |the )?(?:class|students|kids|\d+(?:st|nd|rd|th) graders)|fundraiser|"
    r"booster|pto|indoor recess|kahoot|blooket|gimkit|quizlet|student[- ]run|school store|"
    r"student store|cte|deca|fbla|(?:my |our |the )?students (?:run|sell|are selling|make)|"
    r"(?:our|my|the) (?:class|team|club|band|choir|school|seniors|juniors) (?:is|are) selling)\b"
)

# A new account on a social network publishes posts; a site or blog is a website.
SOCIAL_PLATFORMS = frozenset(
    {
        "instagram",
        "facebook",
        "tiktok",
        "x",
        "snapchat",
        "youtube",
        "linkedin",
        "pinterest",
        "threads",
    }
)

_WEBSITE = re.compile(r"\b(?:web ?site|site|blog|web ?page|página web|sitio)\b", re.IGNORECASE)


def account_medium(platform: str | None, text: str = "") -> tuple[str, str] | None:
    """The medium of an account being created (the contract: "create a social media account
    or website"): social posts on a social network, a website for a site or blog; with the
    words it was taken from. None when the words name neither."""
    if platform in SOCIAL_PLATFORMS:
        return "social_post", platform
    site = _WEBSITE.search(text)
    if site and platform is None:
        return "website", site.group(0)
    return None
