"""Reading a question in a teacher's own words into the facts of a situation, offline.

"Can I text my team about practice from my phone?" becomes: send a message (text), to
students (a group), about school business, from your own device — each fact with the
words it was taken from, so the page can show "text → a text message" and let the
teacher correct it. Nothing is guessed: a fact the words do not state stays unknown, and
the answer then asks for it. Where two readings of the same fact disagree ("calling my
cell … use school email"), neither is kept: a missing fact is asked for, a wrong one is
not. A cue that is negated ("not from my phone", "no kids in it", "sin nombres") is not
read as said; where the fact has two values it is read as the other one. English and the
Spanish that districts see mixed into it ("puedo textear a mis estudiantes?") are read
alike. Pure: text in, facts out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from lanyard.mayi import learned, spelling


@dataclass(frozen=True)
class Understood:
    """One fact read from the question: the situation field, its value, and the words."""

    field: str  # a situation field path; counterpart facts as counterparts.<name>
    value: Any
    words: str  # the words of the question it was taken from
    source: str = "question"  # or who proposed it (the district's model server)


@dataclass(frozen=True)
class _Cue:
    pattern: re.Pattern[str]
    facts: tuple[tuple[str, Any], ...]
    negatable: bool = True


def _cue(pattern: str, *facts: tuple[str, Any], negatable: bool = True) -> _Cue:
    return _Cue(re.compile(pattern, re.IGNORECASE), facts, negatable)


# Words that turn the cue right after them around ("not", "no", "sin", "never", "instead of").
_NEGATION = re.compile(
    r"(?:\b(?:not|no|never|without|sin|nunca|ni|instead of|rather than|en (?:vez|lugar) de)\b"
    r"|n't\b|\bdon'?t\b|\bdoesn'?t\b)"
    r"(?:\s+[\w']+){0,2}\s*$",
    re.IGNORECASE,
)
# Facts with two values: a negated cue states the other one.
_OTHER = {
    ("channel.device", "personal"): "district",
    ("channel.device", "district"): "personal",
    ("channel.account", "personal"): "district",
    ("channel.account", "district"): "personal",
    ("purpose", "personal"): "district_business",
    # "not about class" is not said to be personal: negated school business stays unknown
}
_BOOLEAN_NEGATABLE = frozenset(
    {"content.student_images", "content.student_pii", "content.speaks_for_district"}
)

# Names made unreadable in what is shown ("with the students' names blurred out"): no names.
_HIDDEN = (
    r" (?:are |were |will be |would be |all |)?(?:blurred|covered|hidden|cropped|removed|"
    r"blacked|whited|taken off|taken out|cut off|scribbled|erased|redacted|blanked)\b"
)

# The asker's family: "my husband's band" is not a school band.
_FAMILY = (
    r"(?:husband|wife|spouse|partner|son|daughter|kid|child|brother|sister|niece|nephew|cousin|"
    r"friend|neighbou?r|church|mom|dad|mother|father|boyfriend|girlfriend)"
)

# Student nouns: the people a teacher asks about most.
_KID = (
    r"(?:students?(?! teachers?\b)|estudiantes?|alumn[oa]s?|kids?|pupils?|players?|athletes?"
    r"|kiddos?|advisees?|juniors?|seniors?|sophomores?|freshm[ae]n|middle schoolers?"
    r"|high schoolers?"
    r"|\d+(?:st|nd|rd|th) graders?|chic[oa]s|niñ[oa]s|jugador(?:es|a|as)?|team captains?)"
)
# A class named by its period ("my 3rd hour", "our 5th period"): those students.
_PERIOD = (
    r"\b(?:my|our) (?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|zero) (?:hour|period|block)\b(?! (?:class|classroom|room|lunch|break|plan|prep)\b)"
)
_PARENT = (
    r"(?:parents?|moms?|dads?|mothers?|fathers?|guardians?|famil(?:y|ies)|padres|papás|"
    r"mamás?|papá|padre|madres?|grandm(?:a|other)|grandparents?)"
)

# What the person wants to do, strongest reading first: the first action that matches wins.
# The school's own account or page: what is posted there, or the account started, is school
# business; a message sent from it or a follow of it says nothing about why.
_SCHOOL_ACCOUNT = (
    r"(?:(?:the |our )(?:school|district)(?:'s)?|class|team|club|classroom|"
    r"yearbook|athletics|band|choir|department)(?:'s)? (?:official )?(?:instagram|insta|"
    r"facebook|fb|tiktok|twitter|account|page|website|site|blog|youtube|channel|snapchat|"
    r"group chat|remind|google classroom|google sites|newsletter)"
)
_ON_ACCOUNT = frozenset({"post", "create_account", "respond_to_contact"})

_ACTIONS: tuple[_Cue, ...] = (
    _cue(
        r"\b(?:give|share|tell|hand|lend|send|use|let \w+ use|asked (?:me )?for|want\w* "
        r"(?:me )?(?:to give|for)|make me give|dar|compartir|darle|wants?|needs?|quiere|"
        r"pide|pidió)\b[\w\s'’]{0,40}?"
        r"\b(?:password|passcode|login|log-in|credentials|contraseña)s?\b|\b(?:lend|prestar(?:le)?|"
        r"let (?:\w+ ){1,3}(?:use|log into|sign into)) (?:\w+ ){0,3}(?:my|mi) (?:\w+ )?"
        r"(?:account|cuenta|login)\b"
        r"|\blog (?!in\b|into\b|on\b|onto\b)(?:\w+ ){1,3}(?:in|into|onto) (?:my|mi)\b"
        r"|\b(?:log|sign) ?(?:in ?to|into|onto|on to) (?:her|his|their|\w+'s) (?:\w+ )?"
        r"(?:account|login|e-?mail|canvas|gradebook|computer|laptop|google classroom|powerschool)\b"
        r"|\blet (?:\w+ ){1,3}(?:log ?in(?:to)?|sign ?in(?:to)?|log on(?:to)?) "
        r"(?:to |on |as )?(?:my|me)\b",
        ("action", "share_credentials"),
        negatable=False,
    ),
    _cue(
        r"\b(?:can|could|may|should|puede|podría) (?:my|the|a|our|mi|el|la|nuestr[oa]) "
        r"(?:[\w-]+ ){0,3}(?:use|log into|sign into|access|get into|usar|entrar (?:a|en)) "
        r"(?:my|mi) (?:\w+ ){0,2}"
        r"(?:account|e-?mail|login|canvas|gradebook|usuario|cuenta|contraseña|"
        r"google account|powerschool|infinite campus)\b",
        ("action", "share_credentials"),
        negatable=False,
    ),
    _cue(
        r"\b(?:unblock(?:ed)?|web filter|the filter|content filter|bypass|vpn|whitelist(?:ed)?|"
        r"(?:school|district|wi-?fi|internet|network)(?:'s)? filter|get around the|"
        r"(?:site|website|page|video|youtube|app|it|they) (?:is|are|gets?|got) blocked|"
        r"desbloquear|desbloqueen|bloquead[oa]s?|el filtro)\b",
        ("action", "disable_filter"),
        negatable=False,
    ),
    _cue(
        r"\b(?:hacked|threatening|threatened|threat|nasty|gross|harass\w*|hits? (?:her|him|me)"
        r"|hurts (?:her|him|me)|touch(?:es|ed) (?:her|him|me)"
        r"|(?:hurt|kill|cut|cutting|harm|harming) (?:him|her|them)"
        r"sel(?:f|ves)|suicid\w*|self[- ]harm\w*"
        r"|abus\w+|sexual|nudes?|amenaz\w*|acos\w+)\b[\w\s,'’.¿?!:]{0,80}?\b(?:what (?:do|should)"
        r" i do|what (?:do|should) i (?:have|need) to do|what am i (?:required|supposed) to do"
        r"|who do i|what am i supposed|what now|do i have to report|should i report"
        r"|report it|qué hago|que hago)\b"
        r"|\b(?:sent me|left me|got a|received a|recibí|me mand[óo]|me envi[óo]|me dej[óo]|"
        r"me lleg[óo])\b"
        r"[\w\s,'’.¿?!:]{0,80}?\b(?:threat\w*|nasty|gross|sexual|nudes?|amenaz\w*|"
        r"inappropriate|inapropiad[oa]s?|feos?|feas?|groser[oa]s?|ofensiv[oa]s?|obscen[oa]s?)\b"
        r"|\b(?:threatens|threatened|is threatening|harasses|harassed|is harassing|stalking|"
        r"is stalking) me\b"
        r"|\b(?:got hacked|was hacked|hacked my|someone hacked|phishing|phish|impersonat\w+|"
        r"pretending to be me|fake (?:\w+ ){0,2}(?:account|acct|page|profile))\b"
        r"|\b(?:got|received|recibí) (?:a|an) (?:\w+ ){0,3}(?:e-?mail|text|message|dm|call)\b"
        r"[\w\s'’]{0,40}\basking (?:me )?for my (?:password|login|credentials)\b",
        ("action", "receive"),
        negatable=False,
    ),
    _cue(
        r"\b(?:reply|replying|respond|responding|answer (?:her|him|them|it|back)|write back|"
        r"text (?:her |him |them )?back|message back|snap (?:her |him |them )?back|"
        r"comment on it|get back to (?:her|him|them)|"
        r"(?:call|email|e-mail|dm|text|txt|message) (?:(?:the|a|an|this|that|those|these) )?"
        r"(?:her|him|them|\w+) back"
        r"|return "
        r"(?:her|his|their|the) (?:call|text|email|message)|follow up with (?:her|him|them)"
        r"|respond(?:er|a|e|o)(?:le|les)?|contest(?:ar|a|e|o)(?:le|les)?|rsvp"
        r"|i (?:picked up|answered|replied|responded|wrote back|texted (?:her|him|them) back)"
        r"|answer (?:a|an|the|her|his|their|this|that) (?:\w+'s |\w+s' )?(?:text|e-?mail|message|"
        r"call|dm|voicemail|comment|question)s?)\b"
        r"|\b(?:can|should|do|ok to|okay to|i) (?:i )?(?:have to |just |even )?(?:answer|pick up)"
        r"(?=\s*(?:it|her|him|them|the phone|yes|no)?\s*(?:there|back|now|tonight|on there)?"
        r"\s*(?:(?:on|in|by|through|via|over) (?:the |a )?[\w-]+\s*)?(?:[?.!]|\bor\b|$))",
        ("action", "respond_to_contact"),
        negatable=False,
    ),
    _cue(
        r"\b(?:start|create|set up|sign up for|register|open(?= (?:a|an) )"
        r"|make(?! (?:a |an )?(?:tiktok|youtube|reel|video|snapchat)s?\b"
        r"(?! (?:account|page|channel)))|launch|crear|abrir|hacer)\b(?: (?:a|an|un|una|our|my|"
        r"the))? (?:new |separate |second |another |different |professional |official |work )?"
        r"(?:private |public )?(?:class |team |club |school |classroom |"
        r"family |travel |personal |teacher |book |cooking |fitness |google |wix |"
        r"wordpress )*"
        r"(?:instagram|facebook|"
        r"twitter|tiktok|youtube|snapchat|discord|account|acct|page|site|website|blog|channel|cuenta|"
        r"página|canal)\b",
        ("action", "create_account"),
        negatable=False,
    ),
    _cue(
        r"\b(?:friend (?:request|my|a|her|him|them|students?|parents?|the|other|colleagues|"
        r"co-?workers|teachers)|to friend|friended|unfriend"
        r"|following (?:my|a|the|her|his|their|our) (?:\w+ )?(?:students?|kids?|parents?|"
        r"players?|athletes?) back"
        r"|be friends with|connect (?:with (?:me|a|her|him|them|students?|parents?)|on "
        r"(?:linkedin|facebook|instagram))|follow "
        r"(?!(?:the |our |district |school |this |these |that |those |all |my |your )?"
        r"(?:[\w'-]+ ){0,3}"
        r"(?:rules?|polic\w+|guidelines?|procedures?|protocols?|laws?|handbook|code|steps|"
        r"instructions|directions|advice|plan)\b|(?:up|"
        r"through|directions)\b)(?:me|my|a|an|the|our|her|him|them|students?|kids?|parents?|"
        r"colleagues?)(?<!(?:ents|ders|dren|kids|ople|they) follow me)|accept"
        r" (?:a|her|his|their|the)? ?(?:friend |follow |linkedin )?requests?|wants? to "
        r"(?:follow|add|friend) me|add (?:me|kids|students|parents|them|her|him|(?:the |my |"
        r"our |a |an )?(?:(?:old|former|new|current|past) )?(?:players?|athletes?|parent|student|"
        r"kid|mom|dad|colleague|coworker|"
        r"team|students|kids|parents|families|class|jugador(?:es|as)?|alumn[oa]s|estudiantes))\b"
        r"[\w\s]{0,25}? on "
        r"(?:snap\w*|instagram|insta|facebook|fb|tiktok|linkedin|discord)|"
        r"follow request|follow back|followed me|requested to follow|accept (?:a |an |the |her |"
        r"his |their )?(?:linkedin )?connection|"
        r"agregar|seguir a|seguirl[oae]s?|solicitud(?: de amistad)?)\b",
        ("action", "friend_or_follow"),
        negatable=False,
    ),
    _cue(
        r"(?<!my )(?<!a )(?<!the )(?<!public )(?<!instagram )(?<!facebook )(?<!their )"
        r"\b(?:post|posting|upload|tweet(?! at\b)|retweet|repost|publish|publicar\w*|"
        r"publi(?:que|quen|co|ca)|"
        r"subir\w*|livestream|"
        r"live ?stream|go live)\b|\bmake (?:a |an )?(?:tiktok|reel|youtube video)s?\b"
        r"(?! (?:account|page|channel))|\b(?:share|put)\b[\w\s']{0,30}"
        r"\b(?:photos?|pictures?|pics?|videos?|fotos?|posts?|links?|articles?)\b[\w\s'’]{0,40}"
        r"\b(?:on|to) (?:the |my |our |a |her |his |their )?(?:own )?(?:personal )?"
        r"(?:(?:class|school|team|classroom)(?:'s)? )?"
        r"(?:facebook|fb|instagram|insta|ig|tiktok|twitter|page|website|blog|youtube|story|"
        r"linkedin)\b"
        r"|\b(?:write|writing|blog|blogging)\b[\w\s']{0,40}\bon (?:my|a|the|our) (?:own )?"
        r"(?:personal |class |teacher )?blog\b"
        r"|\b(?:poner|pongo|compartir|comparto)\b[\w\s]{0,30}\b(?:fotos?|videos?|publicaci[oó]n)\b"
        r"[\w\s]{0,30}\ben (?:el |la |mi |su |nuestr[oa] )?(?:facebook|instagram|tiktok|twitter|"
        r"p[aá]gina|sitio|blog|youtube)\b",
        ("action", "post"),
        negatable=False,
    ),
    _cue(
        r"\b(?:install|instalar)\b|\b(?:download|descargar)\b(?!(?: [\w'-]+){0,3} (?:worksheets?|"
        r"pdfs?|files?|forms?|documents?|slips?|photos?|pictures?|pics|videos?|assignments?|"
        r"lessons?|handouts?|templates?|songs?|music|movies?|books?|articles?|papers?|"
        r"attachments?|spreadsheets?|reports?|grades|rosters?)\b"
        r"(?! (?:editor|reader|app|program|software|tool|extension|converter|maker|viewer)s?\b))"
        r"|\b(?:put|get|add|load) (?:the |a |an |this |that )?(?:[\w-]+ )?apps? (?:on|onto|to)\b"
        r"|\b(?:put|load) (?!(?:it|them|this|that|the (?:video|photo|picture|slides?|file)s?)\b)"
        r"[\w-]+ (?:on|onto) (?:the|my|a|our) (?:classroom |school |district |work |lab |class |"
        r"library |office |student |teacher |staff )?"
        r"(?:computers?|laptops?|chromebooks?|ipads?|tablets?|pcs?|desktops?)\b"
        r"|\bbajar(?:me|le)? (?:una |la |el |un )?"
        r"(?:app|aplicación|programa|juego)",
        ("action", "install_software"),
        negatable=False,
    ),
    _cue(
        r"\b(?:play|playing|jugar)\b[\w\s]{0,15}\b(?:games?|juegos?|videojuegos?|wordle|"
        r"fortnite|minecraft|solitaire|candy crush|chess|roblox|among us|fantasy (?:football|"
        r"baseball|basketball|league)|sudoku|crosswords?|cool math)\b|\bgaming\b|"
        r"\b(?:play|playing|jugar)\b[\w\s]{0,15}\b(?:blooket|kahoot|gimkit|quizlet live)\b|"
        r"\bfantasy (?:football|baseball|basketball|hockey|sports?) (?:league|draft|pool)s?\b|"
        r"\b(?:jueg(?:o|a|an|ue|uen)|jugando)\b",
        ("action", "play_games"),
        negatable=False,
    ),
    _cue(
        r"\b(?:sell|selling|vender|venderle|vendo|vende|venden|vendes|side business|side hustle|"
        r"my (?:small |own )?"
        r"business(?! cards?\b| hours\b| days?\b| casual\b| e-?mail\b| phone\b| line\b)|"
        r"my (?:etsy|shop|store)|etsy|tupperware|scentsy|mary kay|avon|herbalife|"
        r"doterra|essential oils|mi negocio|promote my (?:business|shop|store|services)|"
        r"clases particulares|anunciar mis|private lessons|"
        r"make (?:some )?(?:extra )?money|get paid|paid tutoring|charge (?:for|parents|families)|"
        r"gofundme|go fund me|venmo me|(?:my|our) rates|on the side|"
        r"ganar dinero|discount codes?|promo codes?|coupon codes?|cookie sales?|"
        r"(?:my|our) (?:price list|prices|price sheet|menu of services)|"
        r"girl scout cookies|(?:my|his|her|their|\w+'s) (?!(?:class|classroom|school|team|"
        r"district)\b)(?:[\w-]+ ){0,2}(?:business|studio|salon|bakery|boutique|company)"
        r"(?! cards?\b| hours\b| days?\b| casual\b| e-?mail\b| phone\b| line\b)|"
        r"advertis(?:e|ing) my)\b",
        ("action", "commercial_use"),
        negatable=False,
    ),
    _cue(
        r"\b(?:reporters?|journalists?|(?<!school )(?<!student )(?<!class )(?<!read the )"
        r"(?<!reading the )(?<!read a )newspaper|news crew|tv station|news station|"
        r"(?<!watch )(?<!watch the )(?<!watching )(?<!watching the )local news|"
        r"the press|the media(?! center| specialist| release| consent| opt)|podcaster|"
        r"(?<!listen )(?<!listening )(?:on|for|to|in) (?:a|an|the|their|his|her|someone'?s|"
        r"somebody'?s) (?:\w+ )?podcast|"
        r"(?:tv|news|radio|newspaper|press) interview|interview (?:me|us) (?:about|on|for)|"
        r"(?:the |our |a )local (?:paper|tv|news ?paper)|letters? to the editor|op-?eds?|"
        r"the (?:local )?paper(?= (?:called|emailed|wants|asked|reached out|contacted|is doing|"
        r"is writing|messaged|dm'?d))|"
        r"(?:give|do) an interview|an interview (?:to|with)|channel \d+|news channel|"
        r"periodistas?|reporter[oa]s?|"
        r"prensa|entrevista)\b",
        ("action", "media_contact"),
        negatable=False,
    ),
    _cue(
        r"\b(?:use|using|put|print|add|include|design|usar|poner|imprimir|has|have|having)\b"
        r"[\w\s'’/]{0,30}"
        r"\b(?:logo|mascot|letterhead|logotipo|mascota de la escuela|(?:school|district) "
        r"(?:crest|emblem|seal))s?\b",
        ("action", "use_logo"),
        negatable=False,
    ),
    _cue(
        r"\b(?:use|check|browse|scroll|be on|usar|revisar)\b(?: (?:my|their|his|her|mi|el))?"
        r" (?:personal |own )?(?:phones?|cell|celular|teléfono|facebook|instagram|social "
        r"media|personal e-?mail|e-?mail|texts?)\b[\w\s]{0,20}\b(?:in (?:the )?class(?:room)?|"
        r"during class|while (?:i'?m )?teaching|on my break|at work|durante (?:la )?clase|"
        r"en (?:la )?clase|on the school computer|at lunch|during lunch|during my lunch|"
        r"(?:during|in) my (?:plan(?:ning)?|prep) period|on (?:my|a) break|at school|"
        r"en el almuerzo|en mi descanso|(?:durante|en) el recreo|durante mi descanso|"
        r"en el trabajo|en la escuela|redes sociales)\b",
        ("action", "personal_use"),
        negatable=False,
    ),
    _cue(
        r"\b(?:check|checking|read|reading|browse|browsing)\b (?:my |their |his |her )?personal "
        r"(?:e-?mail|texts?|facebook|instagram|social media|accounts?)\b|"
        r"\b(?:check|checking|scroll|scrolling|browse|browsing|revisar|ver) (?:my |mi )?"
        r"(?:instagram|insta|facebook|fb|tiktok|twitter|social media|snapchat|redes sociales)"
        r"\b(?! (?:page|account|post|dms?|messages?)\b)|"
        r"\bfor personal (?:stuff|things|use|reasons|errands|business|calls)\b|"
        r"\bstream(?:ing)? (?:music|spotify|pandora|netflix|hulu|movies|shows|the game|a movie|"
        r"a show)\b|"
        r"\b(?:watch(?:ing)? (?:the )?(?:netflix|hulu|youtube|movies|tv|shows|sports|world cup|"
        r"super bowl|olympics|march madness|playoffs|world series)|netflix|hulu|"
        r"online shopping|shop(?:ping)? (?:online|on amazon)|fantasy football|(?:scroll|"
        r"scrolling) (?:tiktok|instagram|facebook|social media|reels)|use (?:the )?(?:school |"
        r"district )?(?:wifi|wi-fi|internet) (?:on|for|with) my)\b",
        ("action", "personal_use"),
        negatable=False,
    ),
    _cue(
        r"\b(?:give|giving|hand out|handing out|share|sharing|dar|darle|darles)\b[\w\s'’]{0,40}"
        r"\b(?:my|mi) (?:personal |own )?"
        r"(?:cell(?: phone)?|phone|cell|number|celular|número)(?: number)?\b",
        ("action", "message"),
        negatable=False,
    ),
    _cue(
        r"\b(?:text|txt|texting|textear|message|messaging|msg|mensaje|(?<!my )(?<!school )"
        r"(?<!personal )(?<!district )(?<!work )(?<!the )(?<!gmail )e-?mail(?! to sign| address)"
        r"|emailing|dm|"
        r"direct message|call|calling(?! (?:me|him|her|them|us|each other|kids|students) names)"
        r"|llamar(?:le|les)?|write to|escribir(?:le|les)?|(?<!my )(?<!the )"
        r"(?<!a )(?<!emergency )contact(?! info| information| list| details| form)|reach out|"
        r"(?<!having )(?<!have )(?<!has )(?<!a )(?<!my )(?<!the )(?<!of )(?<!personal )snap|"
        r"(?<!having )(?<!have )(?<!has )(?<!a )(?<!my )(?<!the )(?<!of )(?<!personal )snapchat|"
        r"whatsapp|mandar(?:le|les)?|enviar(?:le|les)?|send(?:ing)? (?:a |an |the |my "
        r"|our |out )?(?:\w+ ){0,2}(?:text|email|e-mail|message|reminder|note|newsletter|update)s?"
        r"|send (?:her|him|them|my|our|the|all|a|an|parents|students|families)\b"
        r"|hit (?:her|him|them) up|shoot (?:her|him|them) (?:a|an) (?:text|email|message)"
        r"|tell (?:the |my |our |all (?:the )?)?(?:parents|families|students|kids|class|team) "
        r"(?:on|in|via|through|over|by) (?:remind|class ?dojo|parent ?square|seesaw|text|e-?mail|"
        r"groupme|whatsapp|canvas|schoology|google classroom)"
        r"|group chat|chat with|videollamada|video call|zoom (?:call|with)|facetime|correspond|"
        r"(?<=\bi )(?:\w+ )?(?:texted|txted|emailed|e-mailed|messaged|called|dm'?d|dmed)"
        r"(?! me\b| us\b)|"
        r"communicate|get in touch|comunicarme|comunicarse|(?:mand|envi|escrib)(?:o|a|e|an|en|ó|"
        r"é|ar)(?:le|les)? (?:un |una |unos |el |los )?(?:mensajes?|textos?|correos?|whatsapps?)|"
        r"(?:use|usar) (?:whatsapp|groupme|"
        r"remind|class ?dojo|signal|slack|teams|telegram|discord|parent ?square) (?:to|with|for|"
        r"con|para))\b",
        ("action", "message"),
        negatable=False,
    ),
)

_FACTS: tuple[_Cue, ...] = (
    # how
    _cue(
        r"\b(?:text(?!s? (?:we|they|i|you)(?:'re| are| were| read| will)\b)(?! ?books?\b)"
        r"(?! (?:set|features?|structure|evidence|dependent)\b)|txt|texting|"
        r"texts(?! (?:we|they|i|you)(?:'re| are| were| read)\b)|sms|imessage|textear|"
        r"mensaje de texto|group text)\b"
        r"|(?<=\bi )(?:\w+ )?(?:texted|txted)\b",
        ("channel.medium", "text_message"),
        negatable=False,
    ),
    _cue(
        r"\b(?:e-?mail(?:ing|s|ed)?|correo(?: electrónico)?)\b",
        ("channel.medium", "email"),
        negatable=False,
    ),
    _cue(
        r"\b(?:dm|dms|dm'?d|dmed|direct messages?|mensaje directo)\b",
        ("channel.medium", "social_dm"),
        negatable=False,
    ),
    _cue(
        r"\b(?:call|calling|calls|llamar|llamada|voicemail|facetime)\b(?! (?:in|out) sick\b)"
        r"(?! (?:me|him|her|them|us|each other|kids|students) names\b)(?! out\b)(?<!roll call)",
        ("channel.medium", "phone"),
        negatable=False,
    ),
    _cue(
        r"\b(?:whatsapp|signal|groupme|slack)\b|\b(?:ms |microsoft )teams\b|(?-i:\bTeams\b)"
        r"|\b(?:on|in|via|through|over|using|use) teams\b(?! (?:in|at|for|that|who|and)\b)",
        ("channel.medium", "instant_message"),
        negatable=False,
    ),
    _cue(
        r"(?:\b(?:on|via|through|using|use|in|with|the) remind\b|\bremind app\b|(?-i:\bRemind\b))",
        ("channel.medium", "notification_app"),
        ("channel.platform", "remind"),
        negatable=False,
    ),
    _cue(r"\bcanvas\b", ("channel.platform", "canvas"), negatable=False),
    _cue(
        r"\b(?:my |the |our )?(?:school|district|work)(?:'s)? e-?mail(?: account| address)?\b"
        r"|\bcorreo (?:de la escuela|del distrito)\b",
        ("channel.platform", "district-email"),
        negatable=False,
    ),
    _cue(
        r"(?<!\ba )(?<!\ban )(?<!\bthe )(?<!\bthis )(?<!\bthat )\byoutube\b"
        r"|\byoutube\b(?! (?:videos?|links?|clips?)\b)",
        ("channel.platform", "youtube"),
        negatable=False,
    ),
    _cue(
        r"\bcanvas (?:inbox|message|announcement)",
        ("channel.medium", "lms_message"),
        negatable=False,
    ),
    _cue(
        r"\bsnap(?:chat)?\b(?! (?:a|some) (?:quick )?(?:pic|photo|picture|shot|selfie)s?\b)"
        r"|\bsnapp(?:ed|ing) (?:me|him|her|them|a|the|my)\b",
        ("channel.platform", "snapchat"),
        ("channel.disappearing", True),
        negatable=False,
    ),
    _cue(r"\b(?:instagram|insta|ig)\b", ("channel.platform", "instagram"), negatable=False),
    _cue(r"\b(?:facebook|fb)\b", ("channel.platform", "facebook"), negatable=False),
    _cue(r"\btiktok\b", ("channel.platform", "tiktok"), negatable=False),
    _cue(r"\b(?:twitter|re-?tweet\w*|tweet\w*)\b", ("channel.platform", "x"), negatable=False),
    _cue(r"\bdiscord\b", ("channel.platform", "discord"), negatable=False),
    _cue(r"\blinkedin\b", ("channel.platform", "linkedin"), negatable=False),
    _cue(
        r"\b(?:pinterest|bereal|threads|telegram|marco polo|twitch|reddit|zoom|google meet|"
        r"seesaw|schoology|flip(?:grid)?|spotify)\b",
        ("channel.platform", None),
        negatable=False,
    ),
    _cue(r"\b(?:on|to|in) (?-i:X)(?![-.\w])", ("channel.platform", "x"), negatable=False),
    _cue(r"\bwhatsapp\b", ("channel.platform", "whatsapp"), negatable=False),
    _cue(r"\bgroupme\b", ("channel.platform", "groupme"), negatable=False),
    _cue(
        r"\b(?:ms |microsoft )teams\b|(?-i:\bTeams\b)"
        r"|\b(?:on|in|via|through|over|using|use) teams\b(?! (?:in|at|for|that|who|and)\b)",
        ("channel.platform", "teams"),
        negatable=False,
    ),
    _cue(r"\bslack\b", ("channel.platform", "slack"), negatable=False),
    _cue(r"\bgoogle classroom\b", ("channel.platform", "google classroom"), negatable=False),
    _cue(r"\bgoogle sites\b", ("channel.platform", "google sites"), negatable=False),
    _cue(r"\bschoology\b", ("channel.platform", "schoology"), negatable=False),
    _cue(
        r"\b(?:class ?dojo|parent ?square|seesaw|talkingpoints|bloomz)\b",
        ("channel.medium", "notification_app"),
        negatable=False,
    ),
    _cue(r"\bclass ?dojo\b", ("channel.platform", "classdojo"), negatable=False),
    _cue(r"\bparent ?square\b", ("channel.platform", "parentsquare"), negatable=False),
    _cue(
        r"\b(?:my|from|use|using) (?:personal |own )?yahoo\b",
        ("channel.platform", "yahoo"),
        negatable=False,
    ),
    _cue(
        r"\b(?:my|from|use|using) (?:personal |own )?gmail\b",
        ("channel.platform", "gmail"),
        negatable=False,
    ),
    _cue(r"\b(?:facebook )?messenger\b", ("channel.medium", "social_dm"), negatable=False),
    _cue(
        r"\b(?:disappearing|vanishing|self-destruct\w*|mensajes temporales)\b",
        ("channel.disappearing", True),
        negatable=False,
    ),
    # whose device and account
    _cue(
        r"\b(?:my|mi) (?:own |personal |private )?(?:phone|cell|cellphone|"
        r"cell phone|iphone|android|teléfono|celular|cel|personal number|"
        r"home computer|n[uú]mero de cel(?:ular)?)\b(?!'s)|\bmy personal one\b"
        r"|(?:\b(?:my|mi)|(?<!\bon )(?<!\bto )(?<!\bat )\b(?:their|her|his)) "
        r"(?:own|personal|private) (?:phone|cell|cellphone|"
        r"cell phone|iphone|android|laptop|ipad|tablet|device|macbook|computer|number)s?\b"
        r"|(?<!on her )(?<!on his )(?<!on their )(?<!to her )(?<!to his )(?<!to their )"
        r"(?<!at her )(?<!at his )(?<!at their )"
        r"\b(?:personal|private) (?:phone|cell|number|device|laptop|ipad|tablet|"
        r"computer|chromebook)s?\b"
        r"|\b(?:teléfono|celular) personal\b",
        ("channel.device", "personal"),
    ),
    _cue(
        r"\b(?:school|district|work|classroom|office|library|clinic|lab)(?:-issued| issued)? "
        r"(?:phone|cell|laptop|ipad|"
        r"tablet|computer|chromebook|device)s?\b|\b(?:teléfono|celular|computadora|laptop|tableta|"
        r"chromebook|ipad) "
        r"(?:de la escuela|del distrito|de la oficina|del salón)\b",
        ("channel.device", "district"),
    ),
    _cue(
        r"\bmy (?:own |personal )(?:e-?mail|account|instagram|insta|facebook|fb"
        r"|twitter|tiktok|page|accounts)\b|\bmy private e-?mail\b"
        r"|\b(?<!really )(?<!very )(?<!so )(?<!super )(?<!pretty )(?<!quite )(?<!deeply )"
        r"(?<!too )(?<!extremely )(?<!kind of )(?<!long )(?<!emotional )(?<!heartfelt )"
        r"(?:personal|(?<!make a )(?<!start a )(?<!create a )(?<!set up a )private) "
        r"(?:e-?mail|account|instagram|insta|facebook|fb|page|"
        r"twitter|tiktok)\b|\bmy gmail\b"
        r"|\bmy (?:personal )?yahoo\b|\b(?:cuenta|correo) personal\b|\b(?:my|"
        r"our) own accounts?\b|\b(?:their|his|her) own (?:\w+ )?"
        r"(?:accounts?|pages?|channel|instagram|insta|facebook|fb|tiktok|twitter|youtube)\b",
        ("channel.account", "personal"),
    ),
    _cue(
        r"\b(?:my |the |our )?(?:school|district|work)(?:'s)? (?:e-?mail|account|page|"
        r"instagram|facebook|twitter|tiktok|insta|youtube(?: channel)?|website)\b"
        r"|\bcorreo (?:de la escuela|del distrito)\b"
        r"|\bcuenta (?:de la escuela|del distrito)\b",
        ("channel.account", "district"),
    ),
    # why: school work named after "about / for / regarding" (with its determiners and a
    # possessive: "about her son's grades"), or named outright where it can only be school
    # work ("the field trip permission slips")
    _cue(
        r"\b(?:about|abt|bout|for|regarding|re:?|sobre|para)\b"
        r"(?: (?:the|a|an|our|their|his|her|my|your|la|el|su|sus|los|las|mi|mis|tu|nuestr[oa]s?|"
        r"tomorrow'?s|"
        r"today'?s|next|this|that|upcoming|missing|late|makeup|make-up|final|first|big|new|"
        r"saturday'?s|friday'?s|monday'?s|tonight'?s|next week'?s|(?<!\bmy )[\w-]+'s|"
        r"(?<=\bmy )(?!" + _FAMILY + r"'s)[\w-]+'s|"
        r"\w+s'))*"
        r" (?:practice|homework|hw|assignments?|missing (?:assignment|work)|game|schedule|grades?"
        r"|test|quiz|field trip|rehearsal|projects?|lessons?|tryouts|meet|match|tournament|"
        r"bus time|bus schedule|extension|rec(?:ommendation)? letter|college rec letter|"
        r"behavior|504(?: plan)?|iep|class(?:es|room)?|team|club|yearbook|band|choir|"
        r"orchestra|concert|school play|curriculum|absences?|attendance|dismissal|pick-?up "
        r"time|conference|parent-teacher conference|report cards?|progress report|"
        r"permission slips?|school event|open house|back[- ]to[- ]school night|"
        r"research project|school project|studying|exam|midterms?|finals|progress|"
        r"lab(?: reports?)?|worksheets?|study guides?|snow day|early dismissal|late start|"
        r"tarea|tareas|práctica|calificaciones|notas|excursión|partido|examen|juego|ensayo|"
        r"clase|clases|equipo|proyecto|reunión|conferencia|ausencias?)\b"
        r"(?! teachers?| aides?| assistants?| management| teaching)",
        ("purpose", "district_business"),
    ),
    _cue(
        r"\b(?:de la|del|de las|de los) (?:tarea|tareas|práctica|calificaciones|notas|excursión|"
        r"examen)\b",
        ("purpose", "district_business"),
    ),
    _cue(
        r"\b(?:homework|assignments|field trip|permission slips?|gradebook|lesson plans?|"
        r"parent[- ]teacher conferences?|iep meeting|progress reports?|take attendance|"
        r"practice (?:times?|schedule|is (?:cancel+ed|moved))|tareas|grading|grade papers|"
        r"calificar|"
        r"so (?:she|he|they|i|we) can (?:grade|post (?:the )?assignments|enter grades|take "
        r"attendance)|" + _SCHOOL_ACCOUNT + r"|lockdown|open house|"
        r"parent conferences|(?:for|about|para) (?:the |our |my |"
        r"a |an |his |her |their )?(?:(?![\w-]+'s?\b|(?:booster|pto|pta|church|travel|rec|youth|"
        r"son|daughter|kid|personal|own|private|running|book|adult|hiking|cycling|knitting|"
        r"bowling|softball league|community|neighborhood)\b)[\w-]+ ){1,2}(?:team|club|class|"
        r"classes|classroom|band|choir)\b(?! teachers?| aides?| assistants?| management))",
        ("purpose", "district_business"),
    ),
    _cue(
        r"\b(?:birthday|cumpleaños|just to chat|hang out|personal reasons?|family stuff|"
        r"non[- ]school stuff|not school related|my opinion|"
        r"private tutoring|(?:holiday |christmas |birthday |my |a house )party|wedding|"
        r"baby shower|happy hour|(?:my )?(?:husband|wife|spouse|partner)'s business|side job|"
        r"second job|my (?:own )?" + _FAMILY + r"'s (?:team|game|party|band|concert|recital|"
        r"business|wedding|shop|store|fundraiser|church)"
        r"|political campaign|for fun|asuntos personales|(?:it'?s|it is|es|totally|just|purely|"
        r"strictly|100%) personal(?! (?:phone|cell|device|account|e-?mail|number|laptop|page|"
        r"instagram|facebook|computer))|es algo personal)\b",
        ("purpose", "personal"),
        negatable=False,
    ),
    # when
    _cue(
        r"\b(?:during class|(?<!had )(?<!was )(?<!were )(?<!student )(?<!students )(?<!kid )"
        r"(?<!kids )(?<!girl )(?<!boy )(?<!did )"
        r"(?<!has )(?<!have )(?<!had )(?<!having )"
        r"in class(?! (?:photos?|pictures?|pics|today|yesterday|last))|"
        r"during (?:the )?school(?: day)?|"
        r"while (?:i'?m )?teaching|on duty|during (?:a |the )?lockdown|during instruction|"
        r"durante (?:la )?clase|en (?:la )?clase|en horario escolar)\b",
        ("actor.on_duty", True),
        negatable=False,
    ),
    _cue(
        r"\b(?:at lunch|during lunch|my lunch|plan(?:ning)? period|prep period|(?:during|on|in) my "
        r"(?:plan|prep)(?! (?:time|period))|on (?:my )?"
        r"break|a la hora del almuerzo|en el almuerzo|durante el almuerzo|en mi descanso|"
        r"durante mi descanso|en mi (?:hora|periodo) (?:libre|de almuerzo)|free period|"
        r"duty[- ]free (?:time|period|lunch))\b(?! duty)(?! (?:login|log-in|account|password|"
        r"room|schedule|plans?)\b)",
        ("actor.duty_free", True),
        negatable=False,
    ),
    _cue(
        r"\b(?:at|during|on|while on|while i'?m on|doing) (?:my |the )?(?:lunch|recess|bus|hall|"
        r"car ?line|cafeteria|bus line) duty\b",
        ("actor.on_duty", True),
        ("actor.duty_free", False),
        negatable=False,
    ),
    _cue(
        r"\bwhile (?:my|the|our) (?:kids|students|class|\w+ graders) (?:are |is )?(?:do|doing|take|"
        r"taking|work|working|read|reading|test|testing|finish|finishing)\b",
        ("actor.on_duty", True),
        ("actor.duty_free", False),
        negatable=False,
    ),
    _cue(
        r"\bwhile (?:i'?m )?teaching\b|\bmientras (?:doy|enseño) (?:la )?clase\b",
        ("actor.duty_free", False),
        negatable=False,
    ),
    _cue(
        r"\b(?:after (?:school )?hours|in the evening|at night|late at night|on (?:the )?weekends?"
        r"|(?<![\"“'])(?<!good luck )(?<!luck )tonight(?!['\"”])|on my day off|on my days off"
        r"|over the weekend|this weekend|(?<!working )(?<!work )(?<!teaching )from home|"
        r"(?:i'?m|i am|while i'?m|when i'?m) (?:out |at )?home sick|off the clock|on vacation|"
        r"(?<!after )(?<!before )(?<!until )(?<!till )(?<!end of )(?:it'?s |during |on )"
        r"(?:summer|winter|spring|christmas|thanksgiving) (?:break|vacation)|over "
        r"(?:the )?(?:summer|winter break|spring break|break)|"
        r"(?:[6-9]|1[01])(?::\d\d)? ?(?:pm|p\.m)|(?:1[12]|[1-4])(?::\d\d)? ?(?:am|a\.m)|midnight|"
        r"en la noche|por la noche|el fin de semana|fin de semana|fuera de horario|desde casa)\b",
        ("actor.on_duty", False),
        negatable=False,
    ),
    # what it carries
    _cue(
        r"\b(?:photos?|pictures?|pics?|videos?(?! call| chat| games?)|images?|selfies?|fotos?)\b"
        r" (?:of|with|showing|featuring|de|del|con)(?: (?!to\b|for\b|on\b|para\b|a\b|al\b)[\w'’]+)"
        r"{0,5}? "
        + _KID
        + r"(?!'s? (?!(?:face|faces|smile|first|big|own)\b)[\w-]+)(?!s' (?!(?:faces?|smiles?)\b)"
        r"[\w-]+)"
        + r"|\b"
        + _KID
        + r"'?s?'? (?:\w+ )?(?:photos?|pictures?|pics?|videos?|images?|fotos?)\b"
        r"|\bclass (?:photo|picture|pictures|pics)\b|\bgroup (?:photo|pic|picture)s?\b"
        r"|\b(?:photos?|pictures?|pics?|videos?|images?|fotos?) of (?:my|our|the) (?:whole )?"
        r"(?:class|team|players|athletes|squad|cast|choir|band)\b(?!'s| (?:room|rules|schedule|"
        r"website|page|logo|pet|project|bulletin|shirts?|jerseys?|banner|trophy|board)\b)",
        ("content.student_images", True),
    ),
    _cue(
        r"\b(?:no|sin) (?:kids|students|estudiantes|alumnos|niños)(?: in it| en)?\b",
        ("content.student_images", False),
        negatable=False,
    ),
    _cue(
        r"\b(?:photos?|pictures?|pics?|videos?|images?)s?\b[\w\s'’]{0,25}\b(?:colleague"
        r"|co-?worker|another teacher)s?\b",
        ("content.coworker_images", True),
    ),
    _cue(
        r"\b(?<!\d )(?<!\d-)(?<!\dth )(?:grades(?! \d| k\b)|report cards?|"
        r"(?:iep|504)(?! meetings?\b)|discipline|(?:kid|student|child)'s grade(?! level| band)|"
        r"detention|suspension|suspended|attendance(?! (?:office|clerk|secretary|staff|desk|"
        r"line|aide))|calificaciones|(?:(?:student|kid)'?s'?|his|her|their) test scores)\b",
        ("content.student_records", True),
    ),
    _cue(
        r"\b(?:student names|names of (?:the )?(?:students|kids|children)|honou?r roll|"
        r"tag(?:ging)? (?:students|"
        r"kids)|(?:with|and|plus|including) (?:their|his|her|the kids'?|the students'?|"
        r"students'?) (?:full |first |last )?names)\b(?!" + _HIDDEN + r")",
        ("content.student_pii", True),
    ),
    _cue(
        r"\b(?:no|without|sin)(?: showing| using| any| faces or| photos or)* (?:student |their "
        r"|kids'? |last |full |anyone'?s )?(?:names?|nombres)\b"
        r"|\bwithout naming (?:any |the |my )?(?:students|kids|names|anyone|children)\b"
        r"|\b(?:student |students'? |kids'? |their |all |the |full |first |last )*names?"
        + _HIDDEN
        + r"|\b(?:blur|blurring|cover|covering|hide|hiding|crop|cropping|black out|blacking out|"
        r"white out|remove|removing|redact|redacting|erase|erasing) (?:out )?(?:all )?(?:of )?"
        r"(?:the |their |any |all )?(?:student |students'? |kids'? )?(?:full |last )?names?\b",
        ("content.student_pii", False),
        negatable=False,
    ),
    _cue(
        r"\b(?:artwork|essays?|student work|projects? (?:a|the) (?:kid|student))\b|\b"
        + _KID
        + r"'?s?'? (?:art|drawings?|paintings?|poems?|writing|stories|work)\b",
        ("content.student_work", True),
    ),
    _cue(
        r"\b(?:logo|mascot|logotipo|mascota de la escuela|(?:school|district)(?:'s)? "
        r"(?:crest|emblem|seal))\b",
        ("content.district_logo", True),
        negatable=False,
    ),
    _cue(
        r"\b(?:songs?|(?:background|pop|popular|copyrighted) music|music video|movie clips?|"
        r"film clips?|copyrighted)\b",
        ("content.copyrighted_material", True),
    ),
    _cue(
        r"\b(?:threats?|threatening|threatened|make me pay|amenaz\w*)\b",
        ("content.threatening", True),
        negatable=False,
    ),
    _cue(r"\b(?:sexual|nudes?)\b", ("content.sexual", True), negatable=False),
    _cue(
        r"\b(?:inappropriate|inapropiad[oa]s?|obscen[oa]s?|obscene|lewd)\b"
        r"(?! (?:to|for|para)\b)",
        ("content.inappropriate", True),
    ),
    _cue(
        r"(?<!anti-)(?<!anti )\b(?:harass\w*(?! (?:training|polic\w+|prevention))|calling me names|"
        r"bully\w*(?! (?:prevention|awareness|assembly|lesson|unit|training|polic\w+|week|month))"
        r"|mean (?:video|post|comment|message|"
        r"meme|things)s?(?: about me)?|making fun of me|se burla\w*)\b",
        ("content.harassing", True),
        negatable=False,
    ),
    _cue(
        r"\b(?:abuse|abused|neglect|bruises|(?:hits|beats|hurts) (?:her|him|me)|(?:uncle|dad|"
        r"father|stepdad|stepfather|grandpa|grandfather|cousin|brother|boyfriend|someone at home) "
        r"(?:touches|touched) (?:her|him|me))\b",
        ("content.suspected_abuse", True),
        negatable=False,
    ),
    _cue(
        r"\b(?:hacked|breach|someone got into|leaked password)\b",
        ("content.security_breach", True),
        negatable=False,
    ),
    _cue(
        r"(?<!case of an )(?<!case of )(?<!if there's an )(?<!if there is an )(?<!for an )"
        r"(?<!if it's an )(?<!if it is an )(?<!if its an )(?<!if there's a )(?<!if there is a )"
        r"(?<!in case of a )"
        r"\b(?:emergency|in danger|911|lockdown|kill (?:herself|himself|themselves)"
        r"|emergencia)\b(?! (?:drill|plan|procedures?|contacts?|cards?|forms?|info\w*|numbers?)\b)",
        ("emergency", True),
        negatable=False,
    ),
    _cue(
        r"\b(?:references? (?:their|my|his|her) (?:employment|job|school|district)|"
        r"(?:say|mention|name|list|tag)s? (?:where i work|the (?:school|district)|my "
        r"(?:school|employer))|on behalf of the (?:school|district)|speak(?:ing)? for the "
        r"(?:school|district)|the school board|board'?s? (?:vote|decision|meeting))\b",
        ("content.speaks_for_district", True),
    ),
    _cue(
        r"\b(?:parents?|families|guardians?) (?:have |had |all |already )*(?:signed|returned|gave)"
        r" (?:the |a |their |us )?(?:media |photo |video )?(?:release|permission|consent)\b"
        r"|\b(?:with|have|got) (?:written )?(?:parental|parents?'?) (?:permission|consent)\b",
        ("content.parental_permission", True),
        negatable=False,
    ),
    _cue(
        r"\b(?:media opt[- ]?out|opted out|no[- ]photo list)\b",
        ("content.media_permission_denied", True),
        negatable=False,
    ),
    _cue(
        r"\b(?:school play|senior night|concert|recital|football game|basketball game|"
        r"friday night'?s? game|the game)\b",
        ("content.public_extracurricular", True),
        negatable=False,
    ),
    _cue(
        r"\b(?:to:? line|cc line|cc'?d everyone|addresses showing|reply-all|addresses? "
        r"visible|visible (?:e-?mail )?addresses|everyone'?s (?:e-?mail )?address(?:es)?|"
        r"without (?:using )?bcc)\b",
        ("content.visible_recipient_addresses", True),
        negatable=False,
    ),
    _cue(
        r"\b(?:school wifi|school wi-fi|district wifi|district network|school network"
        r"|wifi de la escuela)\b",
        ("channel.network", "district"),
        negatable=False,
    ),
    # who (relationships the asker has)
    _cue(
        r"\b(?:my|mi) (?:niece|nephew|cousin|grand(?:son|daughter)|godchild|stepson|stepdaughter|"
        r"wife|husband|sobrin[oa]|prim[oa]|(?:own )?son|(?:own )?daughter|hij[oa]|"
        r"own (?:kid|child))\b(?!'s)",
        ("actor.relationship", "familial"),
        negatable=False,
    ),
    _cue(
        r"\b(?:church|youth group|temple|mosque|synagogue|parish|iglesia)\b",
        ("actor.relationship", "religious"),
        negatable=False,
    ),
    _cue(
        r"\b(?:we'?re neighbou?rs|my neighbou?r|friends before|club team|travel team|scouts)\b",
        ("actor.relationship", "community"),
        negatable=False,
    ),
)

# The asker's own role, from "I'm a …", "as a …", "I coach …", "can a coach …".
_ACTOR_ROLES: tuple[tuple[str, str], ...] = (
    (r"student[- ]teach(?:ers?|ing)|practicante|maestr[oa] practicante", "student_teacher"),
    (r"superintendent|superintendente", "superintendent"),
    (
        r"(?:assistant |vice )?principal|\bap\b|dean|director(?:a)?|athletic director|\bad\b|"
        r"administrator|admin|subdirector(?:a)?",
        "administrator",
    ),
    (r"(?:volunteer |assistant |head )?coach(?:es)?|entrenador(?:a)?", "coach"),
    (
        r"(?:teacher'?s )?aide|para(?:professional|educator)?|secretary|counselor|nurse|"
        r"custodian|janitor|office (?:staff|manager|clerk|assistant)|front office|"
        r"bus driver|registrar|receptionist|attendance clerk|clerk|"
        r"social worker|school psychologist|psychologist|speech (?:therapist|pathologist)|slp|"
        r"instructional assistant|teaching assistant|cafeteria (?:worker|staff|manager)|"
        r"lunch lady|it tech\w*|tech support|technician|interventionist|(?:communications?|"
        r"comms|pr|social media) (?:coordinator|director|specialist|staff|officer|manager|"
        r"person)|"
        r"consejer[oa]|enfermer[oa]|secretari[oa]|conserje|asistente|chofer|bibliotecari[oa]",
        "staff",
    ),
    (
        r"(?:parent )?volunteer|pto (?:mom|dad|parent|member|president)|room (?:mom|parent)|"
        r"chaperone|"
        r"voluntari[oa]",
        "volunteer",
    ),
    (r"(?:\w+ )?teachers?|maestr[oa]s?|profesor(?:a|es)?", "teacher"),
)
_ACTOR_LEAD = re.compile(
    r"\b(?:i'?m|i am|im|as|soy|como|i work as|trabajo como|me,)\s+(?:a |an |the |un |una |el |"
    r"la |(?:their|his|her|your|su|sus) (?=(?:coach|teacher|maestr[oa]|entrenador[a]?|counselor|"
    r"principal)\b))?(?:(?:new|first[- ]year|"
    r"elementary|middle|school|high|hs|\d+(?:st|nd|rd|th)|grade|pe|art|music|math|english|"
    r"science|history|spanish|sped|special ed|head|varsity|jv|kindergarten|"
    r"preschool|substitute|sub|ela|reading|resource|\w+ball|track|swim|cheer|"
    r"football|soccer|wrestling|school's) )*(?P<role>[\w' ]{2,30})",
    re.IGNORECASE,
)
_ACTOR_HERE = re.compile(
    r"(?:^|[.!?]\s*)(?:(?:a|an|the)\s+)?(?P<role>[\w' ]{2,30}?)\s+here\b"
    r"|\bi work (?:in|at) (?:the )?(?P<office>front office|main office|attendance office|"
    r"district office|cafeteria|library|nurse'?s office|counseling office)\b",
    re.IGNORECASE,
)
_ACTOR_SUBJECT = re.compile(
    r"(?:^|[.!?]\s+|\b(?:and|but|so),? )(?:one of )?(?:our|my|the|a|an) (?P<role3>[\w' ]{2,30}?) "
    r"(?:(?:wants|needs|"
    r"would like|plans|is planning|is trying|is going) to\b|(?:asked|asks|wants to know|wanted "
    r"to know|is wondering|was wondering)(?: me)? (?:if|whether) (?:she|he|they) )"
    r"|\b(?:can|could|may|should|is it ok for|is it okay for|is it legal for|is it allowed for"
    r"|permitido que|permite que|bien que|ok que"
    r"|are|puede)\s+(?:a |an |the |our |un |una |el |la |los |las )?(?P<role>[\w' ]{2,30})"
    r"|\bfor (?:a|an|the) (?P<role2>[\w' ]{2,30}?) to\b",
    re.IGNORECASE,
)
# The question is about what someone else would do ("… wants to start a Remind. Is that ok?").
_ABOUT_THEM = re.compile(
    r"\b(?:is that|is this|is it) (?:ok|okay|allowed|fine|legal|alright|permitted)\b|"
    r"\b(?:can|may|could|should) (?:she|he|they)\b|\b(?:is|are) (?:she|he|they) allowed\b|"
    r"\bshould i (?:allow|let|approve|permit|okay|ok)\b|\bfor (?:her|him|them)\?",
    re.IGNORECASE,
)
_ACTOR_VERB = re.compile(
    r"\b(?:i|yo) (?:also |still )?(?P<verb>coach|teach|sub|enseño|entreno)\b(?! with\b)"
    r"(?:[^.?!]{0,40}?\b(?:and|but)(?: i)? (?:also )?(?P<verb2>coach|teach)\b)?",
    re.IGNORECASE,
)

# Counterparts: the people the question is with, by their own nouns.
_COUNTERPARTS: tuple[tuple[str, str, int], ...] = (
    # (pattern, role, count) — count 0: decided by the noun's number below
    (
        r"\b(?:my|our|the|their|his|her) (?:class(?:es)?|team|students|kids|players|club|"
        r"debate team|(?!(?:tech|it|admin|leadership|district|office|support|grade[- ]level|"
        r"data|crisis|safety|pto|pta|comms|communications|ela|math|science|english|sped|"
        r"teaching|department|front|custodial|cafeteria|transportation|counseling|nursing|"
        r"coaching|building|instructional)\b)\w+ team|roster)\b|\bteam members\b|\bwhole class\b|"
        r"\bthe (?:boys|girls)\b(?! (?:and|or) (?:girls|boys)'? (?:bathroom|restroom|locker))|"
        r"\b(?:el|al|mi|nuestro) equipo(?! de la escuela| del distrito| de c[óo]mputo)\b|"
        r"\b(?:mi|mis|nuestr[oa]s?)"
        r" (?:clase|equipo|estudiantes|alumnos|jugadores)\b"
        r"|\b(?:my|our|the) (?:whole|entire|full) (?:team|roster|squad)\b"
        r"|\b(?:my|our|the) (?:(?:jv|j\.v\.|varsity|freshman|middle school|high school|"
        r"\d+(?:st|nd|rd|th) grade|volleyball|basketball|hoops|soccer|softball|baseball|football|"
        r"track|cross country|xc|swim|tennis|golf|lacrosse|wrestling|cheer|dance|robotics|choir|"
        r"band|debate|drama|theater|theatre|homeroom) )+(?:girls|boys|ladies|gals|guys|squad)\b"
        r"|" + _PERIOD,
        "student",
        2,
    ),
    (r"\b" + _KID + r"\b", "student", 0),
    (r"\b(?:my|mi) (?:own )?(?:son|daughter|nephew|niece|hij[oa]|sobrin[oa])\b", "student", 1),
    (r"\bparents? list\b|\bclass list\b", "parent", 2),
    (r"\b" + _PARENT + r"\b", "parent", 0),
    (
        r"\b(?:colleagues?|co-?workers?|co-?teachers?|fellow teachers?|other (?:\w+ )?teachers"
        r"|another teacher"
        r"|my sub|the sub|substitute|staff members?|compañer[oa]s?(?: de trabajo)?|"
        r"(?:the |my |our |a |an |new )+(?:aide|para|paraprofessional|secretary|custodian|"
        r"librarian|counselor|nurse|it guy|tech guy|bus driver)s?|"
        r"maestr[oa]s? (?:sustitut[oa]s?|suplentes?)|sustitut[oa]|suplente|otr[oa]s? maestr[oa]s?|"
        r"compañeros de trabajo)\b(?! jobs)",
        "employee",
        0,
    ),
    (
        r"\b(?:the|our|all|whole|entire) staff\b(?! (?:members?|meetings?|party|lounge|room|"
        r"parking|bathroom|restroom|development|handbook|directory|ids?|badges?)\b)"
        r"|\b(?:invite|email|e-mail|text|txt|tell|ask|message|cc|notify) (?:the |all (?:the )?|"
        r"my |our |other |fellow )*teachers\b",
        "employee",
        2,
    ),
    (
        r"\b(?:the |my |our )(?:principal|superintendent|assistant principal|director[a]?)\b"
        r"|\b(?:mi|el|la|nuestr[oa]) (?:director[a]?|subdirector[a]?|superintendente)\b",
        "administrator",
        1,
    ),
    (
        r"(?<!is a )(?<!'s a )(?<!was a )"
        r"\b(?:reporter|journalist|periodista|reportero|news crew|(?:tv|news) station|"
        r"(?<!school )(?<!student )(?<!class )(?<!read the )(?<!reading the )(?<!read a )"
        r"newspaper|podcaster|news outlet|local paper)s?\b|\bletters? to the editor\b"
        r"|\bthe (?:local )?paper(?= (?:called|emailed|wants|asked|reached out|contacted|is doing|"
        r"is writing|messaged|dm'?d))",
        "media",
        0,
    ),
    (
        r"\b(?:his|her|their|a|an|the|(?:student|kid|child)'s|su|outside|private)\s+"
        r"(?:(?:outside|private|new|old|former) )?(?:tutor|therapist|probation officer|"
        r"case ?worker|pediatrician)s?\b(?! (?:company|business|program|session|sessions))"
        r"|\b(?:older|adult|grown|big) (?:brother|sister|sibling|cousin)s?\b",
        "community",
        0,
    ),
)
_PLURAL = re.compile(
    r"(?:s|es|men|ies|families|players|graders|padres|papás|chicos|niños)$", re.IGNORECASE
)


def _normal(question: str) -> str:
    text = unicodedata.normalize("NFC", question).replace("’", "'").replace("‘", "'")
    return " ".join(text.split())


def _negated(text: str, start: int) -> bool:
    return bool(_NEGATION.search(text[max(0, start - 30) : start]))


# A cue under a wish or a plan that is turned down ("I don't want to use my personal cell",
# "I'd rather not give out my number"): not what is done, and not its opposite either.
_DECLINED = re.compile(
    r"(?:\b(?:rather not|prefer not to|won'?t|will not|wouldn'?t|would not|can'?t|cannot|"
    r"can not|no puedo|no podemos|no pueden|no puede|no debo|no debemos|no se puede|"
    r"(?:don'?t|do not|doesn'?t|does not|am not|i'?m not|not) (?:want|plan|mean|intend|like|"
    r"need|have|going|gonna|wanna|allowed|supposed)(?: to)?)\s+(?:[\w']+\s+){0,3}$)",
    re.IGNORECASE,
)
# A device that cannot be used ("my cell died, can i use …") is not the one the asker would use.
_OUT_OF_USE = re.compile(
    r"^\s*(?:died|is dead|was dead|is broken|broke|got broken|was stolen|got stolen|is lost|"
    r"got lost|doesn'?t work|does not work|isn'?t working|is not working|stopped working|"
    r"(?:is|was) (?:at home|in my car)|(?:is|was) left at home|got confiscated|"
    r"(?:is|was) (?:out of|at \d+ ?%) ?battery|ran out of battery|is in the shop|got taken)\b",
    re.IGNORECASE,
)
# What the asker told someone else to use ("after I told her to use school email"), a call
# to the police, or the words someone else said ("he said 'text me'") are not how the asker
# would do it.
_REPORTED = re.compile(
    r"\b(?:told|asked|tell|ask|reminded|remind|want(?:ed)?)\s+(?:her|him|them|the \w+|a \w+|"
    r"this \w+|that \w+|parents|students|kids)\s+(?:not\s+)?to\s+(?:use|call|email|text|go "
    r"through|contact)\b[^.,;?!]*"
    r"|\b(?:call|calling|report it to|tell) (?:the )?(?:police|cops|911|cps|dcfs|hotline|sro|"
    r"school resource officer)\b"
    r"|\b(?:said|says|told (?:me|us)) (?:to|i should|we should|we have to|i have to) use\b"
    r"[^.,;?!]*"
    r"|\b(?:said|says|saying|wrote|writes|texted|told me|asked me),?\s*[\"“][^\"”]{2,120}[\"”]",
    re.IGNORECASE,
)


def _masked(text: str) -> str:
    """The question with reported words blanked out (same length, so places still match)."""
    return _REPORTED.sub(lambda m: " " * len(m.group(0)), text)


# The asker's own login or account, which another would use: the asker is the one sharing it.
_MY_LOGIN = re.compile(
    r"\b(?:my|mi) (?:\w+ )?(?:login|log-in|password|passcode|credentials|contraseña)s?\b",
    re.IGNORECASE,
)
# An asker with two hats ("I'm a coach and a parent"): which one asks is not said.
_TWO_HATS = re.compile(
    r"\b(?:i'?m|i am|im|soy)\s+(?:a |an |un |una )?[\w' ]{2,30}? (?:and|but|y) (?:also )?"
    r"(?:a |an |un |una )?(?:\w+ )?(?:parent|mom|dad|mother|father|teacher|coach|volunteer|sub|"
    r"aide|para\w*|padre|madre|mamá|papá|maestr[oa]|entrenador[a]?)\b"
    r"(?=\s*(?:[.,;!?]|$|too\b|also\b|as well\b|of\b|at\b|here\b|myself\b|también\b))",
    re.IGNORECASE,
)
# Another employee, whom the asker may supervise.
_STAFF = (
    r"(?:teacher|coach|para(?:professional|educator)?|aide|counselor|nurse|secretary|employee|"
    r"staff member|sub|substitute|custodian|librarian|colleague|co-?worker)"
)
# The asker asks what to tell someone who acts ("As principal, should I tell him to
# unfriend them?"): the one who would act is not the asker.
_SUPERVISES = re.compile(
    r"\b(?:should|can|do|must|may) i (?:tell|ask|make|warn|remind|order|require|direct) "
    r"(?:him|her|them|(?:the|my|our|a|an) \w+(?: \w+)?) (?:to|not to)\b"
    r"|\b(?:approve|allow|permit|deny|let|sign off on)\b (?:a |an |the |my |our |this |that |"
    r"his |her )?(?:\w+ )?" + _STAFF + r"(?:'s|s'|s)?\b"
    r"|\b(?:a|an|one of (?:my|our|the)|our|my|the) (?:new |\w+ )?"
    + _STAFF
    + r"(?:e?s)? (?:at (?:my|our) "
    r"school |here |on (?:my|our) staff )?(?:friended|texted|posted|followed|messaged|emailed|"
    r"dm'?d|called|added|snapped|shared|uploaded|sent|gave|has been|keeps|is)\b[^?]*\b(?:what "
    r"(?:should|do|can|must) i do|how (?:should|do) i (?:handle|deal|respond)|do i (?:have to )?"
    r"(?:report|tell|discipline|address))\b",
    re.IGNORECASE,
)


def _actor_role(text: str) -> Understood | None:
    found: dict[str, str] = {}
    passed_on = bool(_ASKED_FOR_THEM.search(text)) or bool(
        _ABOUT_THEM.search(text)
        and not _MY_LOGIN.search(text)
        and any(m.group("role3") for m in _ACTOR_SUBJECT.finditer(text))
    )
    for pattern in (_ACTOR_LEAD, _ACTOR_SUBJECT):
        for m in pattern.finditer(text):
            group = next(
                (g for g in ("role2", "role3") if g in pattern.groupindex and m.group(g)), "role"
            )
            if passed_on and group != "role3":
                continue  # "one of my teachers asked me if she can …. I'm the principal", "I'm the
                # principal. A coach on my staff wants to …": the other one acts
            if group == "role3" and not (_ABOUT_THEM.search(text) or passed_on):
                continue  # "my principal wants to meet, can I text her?": the asker acts
            if group == "role3" and _MY_LOGIN.search(text):
                continue  # "my para needs to log in, can she use my login?": the asker shares
            phrase = m.group(group).lower()
            for role_pattern, role in _ACTOR_ROLES:
                rm = re.match(r"(?:" + role_pattern + r")\b", phrase)
                if rm:
                    found.setdefault(role, m.group(0)[: m.start(group) - m.start() + rm.end()])
                    break
    for m in _ACTOR_HERE.finditer(text) if not passed_on else ():
        if m.group("office"):
            found.setdefault("staff", m.group(0))
            continue
        phrase = m.group("role").lower()
        for role_pattern, role in _ACTOR_ROLES:
            if re.fullmatch(r"(?:\w+ )?(?:" + role_pattern + r")", phrase):
                found.setdefault(role, m.group(0))
                break
    for m in _ACTOR_VERB.finditer(text) if not passed_on else ():
        verb_role = {
            "coach": "coach",
            "teach": "teacher",
            "enseño": "teacher",
            "entreno": "coach",
        }.get(m.group("verb").lower())
        if verb_role:
            found.setdefault(verb_role, m.group(0))
        if m.group("verb2"):
            found.setdefault({"coach": "coach"}.get(m.group("verb2").lower(), "teacher"), "")
    if len(found) != 1 or _SUPERVISES.search(text) or _TWO_HATS.search(text):
        return None
    role, words = next(iter(found.items()))
    return Understood("actor.role", role, words)


# A student noun used only to name whose parent it is ("a kid's dad", "my students'
# parents", "her son's grades"), or the class a parent or colleague belongs to.
_POSSESSED = re.compile(r"^'?s?'?\s+(?:" + _PARENT[3:-1] + r"|" + r"parent list)", re.IGNORECASE)
_BACKGROUND = re.compile(
    r"\b(?:(?:in|(?<!requests )(?<!request )(?<!messages )(?<!texts )(?<!emails )(?<!calls )"
    r"(?<!dms )(?<!comments )from|of|for|with|about|(?<!everyone )(?<!everybody )(?<!all )"
    r"(?<!anyone )(?<!kids )(?<!students )on) (?:my|our|the|your|his|her|their)|"
    r"(?:" + _PARENT[3:-1] + r"|maestr[oa]s?|entrenador(?:a|es)?|hermanos?|hermanas?) de(?: un| una"
    r"| la| el| mi| mis| los| las| su| sus| tu)?"
    r"|(?:" + _PARENT[3:-1] + r"|guardian) of (?:an?|one of)) $",
    re.IGNORECASE,
)
# A person noun used as a modifier ("parent conferences", "student council"): no one.
_MODIFIER = re.compile(
    r"^(?:[- ]teacher)? (?:conferences?|night|portal|council|government|handbook|id|ids|"
    r"lounge|parking|data|information|info|records?|files?|accounts?|devices?|chromebooks?|"
    r"laptops?|e-mail addresses|email addresses|addresses|newspaper|section|organization|stuff|"
    r"reasons?|matters?|emergency|business|friends?|members?|things|trip|vacation)\b",
    re.IGNORECASE,
)
# A person noun naming whom calls or messages are with ("parent calls", "the parent email
# chain"): those people, but not how many.
_COUNTLESS = re.compile(
    r"^ (?:calls?|phone calls?|e-?mails?|e-?mail (?:chain|thread|list)|texts?|messages?|"
    r"contacts?|communications?|group ?chats?|grp chats?|chats?|newsletters?|superlatives|"
    r"portraits|awards|artwork|art ?work|work samples|projects|essays|spotlights?|photos?|"
    r"pictures?|pics?|videos?|images?|selfies)\b",
    re.IGNORECASE,
)
# Students in a picture are pictured: "photos of my students" names the counterparts.
_PICTURED = re.compile(
    r"\b(?:photos?|pictures?|pics?|videos?|images?|fotos?|selfies?) (?:of|with|de) "
    r"(?:my|our|the|mis|los|las)? ?$",
    re.IGNORECASE,
)
# A person right after the question's verb is the one who would act, not a counterpart.
_SUBJECT = re.compile(
    r"(?:^|\b(?:is|can|could|may|should|does|do|are|would|will|puede|pueden|i'?m|i am|im|as|"
    r"soy)) (?:a |an |the |"
    r"our |un |una |el |la )?$",
    re.IGNORECASE,
)
# A person's own phone, address or message ("my advisee's cell", "a student's email"): the
# person is whom it is with.
_THEIR_ADDRESS = re.compile(
    r"^(?:'s|s'|')\s+(?:(?:school|personal|district|own|new|home|private|class) )?(?:cell|phone|"
    r"number|e-?mail|account|texts?|messages?|dms?|posts?|comments?|voicemail|snap|instagram|insta|"
    r"facebook|fb|page|gmail)\b",
    re.IGNORECASE,
)
# Words that say something came to the asker ("texted me", "me escribió").
_CAME_TO_ME = (
    r"\b(?:texted|txted|messaged|msged|emailed|e-mailed|dm'?d|dmed|called|wrote|snapped|sent|"
    r"left|commented)\b(?: me\b)|\bme (?:escribi[óo]|mand[óo]|envi[óo]|llam[óo]|texte[óo]|"
    r"texti[óo]|marc[óo]|dej[óo])\b"
)
# A part of a group ("one of my students"): those people.
_SOME_OF = (
    r"(?:\b(?:one|some|any|all|each|few|several|two|three|four|five|six|many|most|none|both|"
    r"half|couple|handful|bunch|lot)|\b\d+) of $"
)
# A detail of a person that is sent ("the address of a student"): what, not to whom.
_DETAIL_OF = (
    r"\b(?:address|addresses|number|numbers|phone number|grades?|records?|info(?:rmation)?|"
    r"schedule|file|files|transcript|scores?|list|lists|names) of (?:a|an|the|one|"
    r"this|that|my|our|his|her|their)? ?$"
)
# What people do that only says when ("before the kids get here").
_ONLY_WHEN = (
    r"^ (?:get|gets|got|arrive|arrives|arrived|leave|leaves|left|come|comes|came|go|goes|went|"
    r"are|is|were|was|do|does|did|take|takes|have|has|eat|eats|start|starts|finish|finishes|"
    r"show up|shows up|wake up|head)\b"
)
# A child named as a parent's ("call a parent … when their kid is late").
_THEIR_CHILD = re.compile(r"\b(?:his|her|their|su|sus) $", re.IGNORECASE)


# Who someone may be, said with a doubt ("could be a student", "probably a parent"): unknown.
_HEDGED = re.compile(
    r"\b(?:(?:could|might|may|must|might've|could've) (?:have )?be(?:en)?|probably|maybe|"
    r"possibly|perhaps|i think (?:it'?s|it was|it is)|i (?:bet|guess|suspect)(?: it'?s)?|"
    r"tal vez|quizás|quizas|puede ser) (?:a |an |one of (?:my |the |our )?|some |my |the )?$",
    re.IGNORECASE,
)
# People something that arrived went on to reach ("spam to all the parents", "is following my
# students"): not who sent it.
_ONLY_REACHED = re.compile(
    r"\b(?:to|following|follows|followed|friending|friended|messaging|messaged|dming|"
    r"adding|added|contacting|contacted|tagging|tagged) (?:all |every |some |a few |"
    r"several |many )?(?:of )?(?:the |my |our |his |her |their )?(?:\w+ )?$",
    re.IGNORECASE,
)


def _counterparts(text: str, actor: str | None, action: str | None = None) -> list[Understood]:
    """The people the question is with. Students it is about are those people only in a post
    ("memes about my students"); elsewhere they are the topic ("a fake account posting
    about my students")."""
    mentions: list[tuple[int, str, int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, role, count in _COUNTERPARTS:
        for m in re.finditer(pattern, text, re.IGNORECASE):
            if any(s <= m.start() < e for s, e in taken):
                continue
            after = text[m.end() : m.end() + 20]
            before = text[max(0, m.start() - 24) : m.start()]
            if role == "parent" and re.search(r"\b(?:my|mi|mis) (?:own )?$", before, re.I):
                continue  # the asker's own mother or family, not a student's parent
            if role == "parent" and re.match(
                r"^ (?:asked|asks|wants|wanted) (?:me )?(?:to |if i (?:can |could )?)(?:add|text|"
                r"txt|email|e-mail|call|include|message|invite) (?:her|his|their) (?:son|daughter|"
                r"kid|child|boy|girl)\b",
                text[m.end() : m.end() + 70],
                re.IGNORECASE,
            ):
                continue  # "a mom asked me to add her son to my Remind": he is whom it is with
            if role == "parent" and re.match(
                r"^ (?:volunteer|chaperone|liaison|helper)s?\b", after, re.IGNORECASE
            ):
                continue  # "a parent volunteer" is the one who would act
            if re.search(
                r"\b(?:if|unless|once|as long as|when) (?:\w+ )?$", before, re.I
            ) and re.match(
                r"^ (?:says?|said|signs?|signed|agrees?|agreed|approves?|approved|gives?|gave|"
                r"okays?|ok'?s|is ok|is okay|consents?|allows?|(?:don'?t|doesn'?t|didn'?t|do not|"
                r"does not|won'?t|never) (?:know|find out|care|mind|agree|object))\b",
                after,
                re.IGNORECASE,
            ):
                continue  # "if his mom says ok", "if her parents don't know": a permission or a
                # condition, not whom it is with
            if role == "parent" and re.match(
                r"^ (?:(?:all |already |have |had |no |not |didn'?t |did not |haven'?t |never )*"
                r"(?:signed|sign|returned|return|gave (?:permission|consent)|give (?:permission|"
                r"consent)|consented|opted (?:in|out)|firmaron|firm[oó]|dieron (?:el )?permiso))\b",
                after,
                re.IGNORECASE,
            ):
                continue  # "parents signed the media release": a permission on file
            if re.search(r"\bwhile (?:my |the |our |his |her |their |all )?$", before, re.I):
                continue  # "while my kids do independent work": when, not with whom
            if re.fullmatch(_PERIOD, m.group(0), re.I) and re.search(
                r"\b(?:during|before|after|until|till|til|by|at|since|through|for|in|from|of|"
                r"on|about|with|durante) $",
                before,
                re.I,
            ):
                continue  # "during my 3rd period": when, not with whom
            if re.search(
                r"\b(?:before|after|until|till|til|once|by the time|when) (?:my |the |our |his |"
                r"her |their |all (?:the )?)?$",
                before,
                re.I,
            ) and re.match(_ONLY_WHEN, after, re.IGNORECASE):
                continue  # "before the kids get here": when, not with whom
            if (
                action in ("post", "create_account")
                and role != "student"
                and (
                    re.search(r"\bfor (?:the |our |all |my |any |those )?(?:\w+ )?$", before, re.I)
                    or re.match(
                        r"^ (?:still |who |that )?(?:follow|follows|see|sees|watch|watches|read|"
                        r"reads|view|views|can'?t come|cannot come|couldn'?t come)\b",
                        after,
                        re.I,
                    )
                )
            ):
                continue  # "livestream it for families who can't come", "a class page for
                # parents": who watches it
            if action in (None, "post", "create_account") and (
                re.search(r"\bfor (?:the )?(?:other|fellow) $", before, re.I)
                or (
                    re.search(r"\bfor (?:the )?$", before, re.I)
                    and m.group(0).lower().startswith(("other", "fellow"))
                )
            ):
                continue  # "on my website for other teachers": who may read it, not who is in it
            if (m.group(0).lower().endswith("roster") or after.startswith(" roster")) and re.match(
                r"^(?: roster)?(?: with [\w ]{1,30}?)? to (?:the|a|an|my|our|his|her|their)\b",
                text[m.end() : m.end() + 60],
                re.I,
            ):
                continue  # "email the class roster to the PTO president": what is sent
            if (
                role == "student"
                and count == 2
                and action != "post"
                and re.search(
                    r"\b(?:in|from|of|about|(?<!everyone )(?<!everybody )(?<!all )(?<!anyone )"
                    r"(?<!boys )(?<!girls )on) $",
                    before,
                    re.I,
                )
                and not re.search(_SOME_OF, before, re.I)
                and re.match(r"(?:my|our|the|their|his|her) ", m.group(0), re.I)
                and not _PICTURED.search(before)
            ):
                continue  # "her kid is in my class", "quotes from my players": not whom it is with
            if re.search(
                r"\b(?:use|using|borrow|borrowing|take|taking|grab|grabbing) (?:a |an |the |one "
                r"of (?:my |the |our )?)?$",
                before,
                re.I,
            ) and re.match(
                r"^(?:'s|s'|')?\s+(?:(?:own|personal|school|cell|work) )?(?:phone|cell|laptop|"
                r"computer|chromebook|ipad|tablet|device|hotspot|car)\b",
                after,
                re.I,
            ):
                continue  # "use a student's phone to call the office": whose it is, not whom
            if re.match(
                r"^ (?:won'?t|wouldn'?t|will not|would not|aren'?t|are not|isn'?t|is not|"
                r"(?:would|will) never|don'?t|do not|doesn'?t|does not) (?:be |show |appear )?"
                r"(?:in|on|shown|pictured|visible|identifiable|recognizable)\b",
                after,
                re.I,
            ):
                continue  # "the students wouldn't be in the picture": nobody pictured
            lead = _QUESTION_LEAD.search(text[: m.start()])
            if (
                lead is not None
                and re.search(
                    r"(?<!what )\b(?:if|unless|in case|in case that) (?:a |an |the |my |one of "
                    r"(?:my |the )?|some |any )?$",
                    before,
                    re.I,
                )
                and re.match(r"^ (?!is\b|was\b|has\b|does\b)\w+s\b", after, re.I)
                and not re.match(
                    r"^ (?:texts|messages|emails|e-mails|calls|writes|dms|snaps|sends|asks|"
                    r"requests|reaches|contacts|comments|follows|friends|adds|tags|wants|needs)\b",
                    after,
                    re.I,
                )
            ):
                continue  # "call the police … if a parent threatens me": a condition, not whom
            if role == "student" and re.search(_DETAIL_OF, before, re.I):
                continue  # "send him the address of a student": what is sent, not to whom
            if _THEIR_CHILD.search(before) and re.match(
                r"^ (?:is|was|are|were) (?:in|on|one of)\b", after, re.IGNORECASE
            ):
                continue  # "her kid is in my class": who the friend's child is, not the friend
            if re.search(r"\bso (?:that )?(?:my |the |our |all |their )?$", before, re.I) and (
                re.match(r"^ (?:can|could|will|would|are able|know)\b", after, re.IGNORECASE)
            ):
                continue  # "so grandparents can watch": the audience, not the people in it
            if m.group(0).lower() == "family" and (
                re.match(
                    r"^ (?:travel|blog|vacation|trip|reunion|dinner|wedding|business|photos?|"
                    r"pictures?|emergency|friends?|members?|stuff|matters?|reasons?|tree|dog|car|"
                    r"house|home|time)\b",
                    after,
                    re.IGNORECASE,
                )
                or (
                    re.search(r"\b(?:a|our) $", before, re.IGNORECASE)
                    and re.match(
                        r"^ (?!about|of|who|that|and|or|to|for|from|with|on|in|at|is|was|"
                        r"has|had|wants|asked|says|said|called|emailed|texted)\w+ \w+",
                        after,
                        re.IGNORECASE,
                    )
                )
            ):
                continue  # "a family travel blog": the asker's family, nobody's parent
            if _MODIFIER.match(after) and not m.group(0).lower().endswith("s"):
                continue
            if (
                role != "student"
                and action != "post"
                and re.search(
                    r"\b(?:write|writing|blog|blogging|talk|talking|vent|venting|"
                    r"complain|complaining) about (?:a |an |the |my |our |this |that )?(?:\w+ )?$",
                    before,
                    re.IGNORECASE,
                )
            ):
                continue  # "write about a difficult parent": the topic, not whom it is with
            if role == "student" and (
                (action != "post" and re.search(r"\babout $", before, re.IGNORECASE))
                or _POSSESSED.match(after)
                or (_BACKGROUND.search(before) and not _PICTURED.search(before))
                or (
                    _THEIR_CHILD.search(before)
                    and re.search(_PARENT, text, re.IGNORECASE)
                    and not re.search(
                        r"\b(?:add|text|txt|email|e-mail|call|message|dm|invite|include|friend|"
                        r"follow) (?:his|her|their) $",
                        before,
                        re.IGNORECASE,
                    )
                )
                or (re.match(r"^(?:'s|s'|')\s", after) and not _THEIR_ADDRESS.match(after))
            ):
                continue
            if (
                role == "student"
                and count == 2
                and re.search(
                    r"\b(?:skipped|skip|skipping|missed|miss|missing|made|make|makes|join|joined|"
                    r"cut from|off|left|leave|quit|out for|sponsor|sponsors|sponsoring|"
                    r"support|supports|supporting|fund|funds|donate to|cheer for|cheer on|"
                    r"beat|beats|play for|plays for|root for) $",
                    before,
                    re.IGNORECASE,
                )
                and not re.match(r"^(?:'s)? (?:a |an |the )?(?:text|email|message|update)", after)
            ):
                continue  # "why she skipped my class", "if his daughter made the team": the topic
            if (
                role == "student"
                and count == 2
                and m.group(0).lower().startswith(("my class", "the class", "our class"))
                and re.match(
                    r"^(?:'s)? ?(?:instagram|insta|ig|facebook|fb|twitter|tiktok|page|account"
                    r"|website|site|blog|channel|remind|group chat|newsletter|youtube|pets?\b|"
                    r"ipads?\b|chromebooks?\b|laptops?\b|computers?\b|tablets?\b|devices?\b|"
                    r"supplies\b|rules\b|library\b|party\b|fund\b|budget\b|wish ?list\b|"
                    r"garden\b|schedule\b|calendar\b|syllabus\b|materials\b|store\b|"
                    r"printer\b|smart ?board\b)",
                    after,
                    re.IGNORECASE,
                )
            ):
                continue
            if (
                role == "student"
                and count == 2
                and re.match(
                    r"^(?:'s)? (?:captains?|coach(?:es)?|moms?|dads?|parents?|page|account|"
                    r"chat|website|booster|instagram|insta|ig|facebook|fb|twitter|tiktok|youtube|"
                    r"snapchat|remind|groupme|group chat|site|blog|channel|logos?|mascot|"
                    r"colou?rs|(?:t-)?shirts?|uniforms?|"
                    r"jerseys?|gear|equipment|fundraiser|gofundme|budget|funds|banner|store|"
                    r"merch|hoodies?|sweatshirts?|hats?)\b",
                    after,
                    re.IGNORECASE,
                )
            ):
                continue
            if role == actor_role_counterpart(actor) and m.start() < 25:
                continue
            if (
                _THEIR_CHILD.search(before)
                and m.start() >= _asking_sentence(text)[1]
                and not re.match(
                    r"^ (?:want|wants|asked|asks|said|say|says|need|needs|texted|emailed|called|"
                    r"wrote|messaged)\b",
                    after,
                    re.I,
                )
            ):
                continue  # "… ? Their parents are cc'd already": said after the question, about
                # the people asked about
            if role in ("administrator", "employee") and re.search(
                r"\bme,? (?:the |a |an |your )?$", before, re.I
            ):
                continue  # "texted me, the principal, at 2 am": the asker, not whom it is with
            if re.search(
                r"\b(?:impersonat\w+|pretending to be|pretends to be|posing as|poses as|"
                r"fake (?:account|profile|page|instagram|facebook|tiktok)s? (?:of|for)) (?:our |my "
                r"|the |a |an |one of (?:my |our |the )?)?(?:[\w-]+ )?$",
                before,
                re.I,
            ):
                continue  # "a fake account of our superintendent": whom it imitates, not the sender
            if re.search(
                r"\b(?:i'?m|i am|soy|as) (?:a |an |un |una )?(?:[\w-]+ )?$", before, re.I
            ) and not re.match(r"^(?:'s|s'|')", after):
                continue  # "I'm a PTO mom", "as a parent myself": the asker
            if role == "employee" and (
                _SUBJECT.search(before)
                or (
                    re.search(r"\bfor (?:a |an |the |our |my |any )?$", before, re.I)
                    and re.match(r"^s? to \w+", after, re.I)
                )
            ):
                continue  # the one who would act ("is a staff member allowed to …")
            if (
                role in ("employee", "administrator")
                and re.search(r"(?:^|[.!?]\s+)(?:(?:our|my|the|a|an) (?:\w+ )?)?$", before)
                and re.match(
                    r"^ (?:wants|needs|would like|plans|is planning|is trying|is going) to\b", after
                )
                and _ABOUT_THEM.search(text)
            ):
                continue  # "our counselor wants to start a Remind. Is that ok?": who would act
            if _negated(text, m.start()):
                continue
            if action != "post" and re.search(
                r"\b(?:about|regarding) (?:a |an |the |this |that |one of (?:my |our |the )?|"
                r"my |our |his |her |their )?$",
                before,
                re.IGNORECASE,
            ):
                continue  # "email the nurse about a kid who …": the topic, not whom it is with
            if role != "student" and re.search(
                r"\b(?:former|retired|old) $|\bex(?:-| |- )$", before, re.IGNORECASE
            ):
                continue  # "a former coworker": no longer the district's employee
            if (
                action == "post"
                and re.search(r"(?:^|[.!?]\s+)(?:my |our |the |some |all |a few )?$", before, re.I)
                and re.match(
                    r"^ (?:keep|kept|always|often|asked|ask|want|wanted|love|loved|like|liked|"
                    r"follow|see|saw|are|were|have|had|know|knew)\b",
                    after,
                    re.IGNORECASE,
                )
            ):
                continue  # "My students keep asking about him": who talks of it, not who is in it
            if action == "post" and re.match(
                r"^ (?:who |that )?(?:follow|follows|followed|see|sees|read|reads) (?:me|my)\b",
                after,
                re.IGNORECASE,
            ):
                continue  # "if students follow me": who may see a post, not who is in it
            if re.search(
                r"\b(?:that|que) (?:a |an |the |my |one of my |his |her |their |one )?$",
                before,
                re.I,
            ) and re.match(
                r"^ (?:is|was|will|won'?t|has|had|got|needs|can'?t|didn'?t|did|missed|left|"
                r"forgot|made|lost|isn'?t|wasn'?t|should|might|may)\b",
                after,
                re.IGNORECASE,
            ):
                continue  # "text the bus driver that a kid will be late": what is said
            if (
                re.search(
                    r"\b(?:tell|telling|told|text|txt|texting|email|e-mail|emailing|message|messaging|"
                    r"let (?:\w+ ){1,2}know|inform|notify|report|write|call)\b[^.?!;]{0,40}"
                    r"\b(?:that|que) "
                    r"(?:a |an |the |my |one of (?:my |the )?|his |her |their |one |some |two )?$",
                    text[max(0, m.start() - 80) : m.start()],
                    re.I,
                )
                and not re.search(
                    r"\b(?:texts?|e-?mails?|messages?|chats?|threads?|posts?|calls?|dms?|notes?|"
                    r"letters?|forms?|group) that (?:\w+ )?$",
                    before,
                    re.I,
                )
                and re.match(
                    r"^ (?:\w+ed|got|said|says|told|hit|threw|ran|stole|broke|cut|came|"
                    r"went|keeps|kept|yells|swore|fought|sent|wrote)\b",
                    after,
                    re.I,
                )
            ):
                continue  # "tell my principal by text that a parent yelled at me": what is said
            if (
                role != "student"
                and re.match(r"^(?:'s|s'|')\s+\w+", after)
                and re.search(
                    r"\b(?:share|sharing|forward|forwarding|show|showing|pass(?:ing)? (?:on|along)|"
                    r"screenshot|screenshotting) (?:a |an |the |this |that |one )?$",
                    before,
                    re.I,
                )
            ):
                continue  # "share a parent's complaint email with my team": whose it is, not whom
            if _HEDGED.search(before):
                continue  # "from a fake account. could be a student": who it is, not known
            if action == "receive" and _ONLY_REACHED.search(before):
                continue  # "my account was hacked and emails went out to parents": reached,
                # not the sender
            if (
                role == "administrator"
                and re.match(
                    r"^(?:'s)? (?:wants|asked|told|says|said|needs|approved|okayed|ok'?d|"
                    r"signed off|thinks|suggested|allows?|allowed|lets|gave|quiere|dijo|"
                    r"pidi[oó]|me pidi[oó])\b",
                    after,
                    re.IGNORECASE,
                )
                and not re.match(r"^ (?:wants|asked) (?:me )?for\b", after, re.IGNORECASE)
                and not re.search(
                    r"\b(?:send|text|email|e-mail|give|show|forward|call|message) (?:him|her)\b"
                    r"|\ble (?:mande|envíe|envie|mando|envío|escriba|llame|dé)\b",
                    text,
                    re.IGNORECASE,
                )
            ):
                continue  # who told the asker, not the one it is sent to ("… asked me to send her")
            taken.append((m.start(), m.end()))
            n = count or (
                2
                if _PLURAL.search(m.group(0)) and not m.group(0).lower().endswith(("ss", "class"))
                else 1
            )
            if re.search(
                r"\bone of (?:my|our|the|his|her|their)? ?(?:former |old |new |current )?"
                r"(?:\w+'s |\w+s' )?$",
                text[: m.start()],
                re.IGNORECASE,
            ):
                n = 1
            if count == 0 and not m.group(0).lower().endswith("s") and _COUNTLESS.match(after):
                n = 0  # "parent calls": parents, how many not said
            if (
                count == 0
                and n == 2
                and re.search(r"\b(?:a|an|one|this|that|each|every|another)\s+$", before, re.I)
            ):
                n = 1  # "a students drawing": one student's, the apostrophe left out
            if (
                count == 0
                and n == 0
                and re.search(r"\b(?:a|an|one|this|that)\s+$", before, re.I)
                and re.match(r"^ (?:texts|calls|emails|e-mails|messages)\b", after, re.I)
            ):
                n = 1  # "when a parent texts my cell": one, and the verb
            mentions.append((m.start(), role, n, m.group(0)))
    mentions.sort()
    roles = {r for _, r, _, _ in mentions}
    if len(roles) > 1:
        # people in a story told before the question are not who it is about
        leads = list(_QUESTION_LEAD.finditer(text))
        if leads:
            asked = [x for x in mentions if x[0] >= leads[-1].start()]
            if len({r for _, r, _, _ in asked}) == 1:
                mentions = asked
                roles = {r for _, r, _, _ in mentions}
    if len(roles) != 1:
        return []
    counts = {n for _, _, n, _ in mentions}
    leads = list(_QUESTION_LEAD.finditer(text))
    if len(counts) > 1 and leads:
        # "a kid kept snapping me … can I email my class?": the question's count
        asked_counts = {n for at, _, n, _ in mentions if at >= leads[-1].start()}
        if len(asked_counts) == 1:
            counts = asked_counts
            mentions = [x for x in mentions if x[2] in asked_counts]
    _, role, n, words = mentions[0]
    out = [Understood("counterparts.role", role, words)]
    if len(counts) == 1 and n:
        out.append(Understood("counterparts.count", n, words))
    return out


def actor_role_counterpart(actor: str | None) -> str | None:
    return {"administrator": "administrator", "superintendent": "administrator"}.get(actor or "")


# Where the question itself starts ("can I", "is it ok to", "puedo"): what the person wants
# to do is read there first, so that a story told before it ("a kid kept snapping me last
# spring … can I email my class?") does not become the action.
_QUESTION_LEAD = re.compile(
    r"\b(?:can|could|may|should|shall|would|do|does|am|is|are|will)\s+(?:i|we|u|you|a|an|the|"
    r"teachers?|coaches?|staff|it|my|our|employees?)\b|\b(?:ok|okay|alright|allowed|legal|"
    r"fine|permitted) (?:for (?:me|us|a \w+|teachers|staff) )?to\b|\b(?:puedo|podemos|se puede|"
    r"puede|es legal|está bien|esta bien)\b|\bi(?:'d| would)? (?:really )?(?:want|like|need|plan) "
    r"to\b|\b(?:quiero|quisiera|necesito)\b",
    re.IGNORECASE,
)
# Actions read over the whole question: they are about what happened before it (a
# message that arrived, a student who wrote first) or name their object wherever it is.
_WHOLE_QUESTION = 4


def _action(text: str) -> Understood | None:
    """The action: the strongest reading over the whole question for the actions that are
    about what happened (_WHOLE_QUESTION), else the strongest reading after the last place
    a question starts that has one, else anywhere."""

    def first(cues: tuple[_Cue, ...], part: str) -> Understood | None:
        for cue in cues:
            for match in cue.pattern.finditer(part):
                if _USED_TO.search(part[: match.start()]):
                    continue  # "I used to post …, can I start a teacher account": the story
                if _NOUN_BEFORE.search(part[: match.start()]) and re.match(
                    r"(?:post|tweet|story|upload|livestream)", match.group(0), re.IGNORECASE
                ):
                    continue  # "a screenshot of her threatening post": the noun
                field, value = cue.facts[0]
                return Understood(field, value, match.group(0))
        return None

    found = first(_ACTIONS[:_WHOLE_QUESTION], text)
    if (
        found is not None
        and found.value == "disable_filter"
        and found.words.lower() == "vpn"
        and _INSTALL.pattern.search(text)
    ):
        return (
            None  # "install a vpn on my district computer": installing, or going round the filter?
        )
    if found is not None:
        return found
    rest = _ACTIONS[_WHOLE_QUESTION:]
    for lead in reversed(list(_QUESTION_LEAD.finditer(text))):
        found = first(rest, text[lead.start() :])
        if found is not None:
            break
    else:
        found = first(rest, text)
    if found is not None and found.value in _RIVALS:
        rival = _RIVALS[found.value]
        if re.search(rival, text, re.IGNORECASE) or any(
            c.pattern.search(text) for c in rest if c.facts[0][1] == rival
        ):
            return None  # "sell shirts with the mascot": selling, or using the logo?
    if (
        found is not None
        and found.value == "message"
        and _OTHER_ACTION.search(text)
        and not re.search(r"\b(?:number|cell|phone|celular|n[uú]mero)\b", found.words, re.I)
        and not (
            re.search(
                r"\b(?:by|via|over|through|por)\s+$",
                text[: max(0, text.lower().find(found.words.lower()))],
                re.IGNORECASE,
            )
            and all(
                m.group(0).lower() in ("share", "sharing") for m in _OTHER_ACTION.finditer(text)
            )
            and not any(c.pattern.search(text) for c in rest if c.facts[0][1] != "message")
        )
    ):
        return None  # "message" is the broadest reading; another action is named too
    return found


_INSTALL = next(c for c in _ACTIONS if c.facts[0][1] == "install_software")
# Actions read from one question that are both likely what is asked: neither is kept.
_RIVALS = {
    "commercial_use": r"\b(?:logo|mascot|mascota|logotipo|letterhead|crest|emblem)s?\b",
    "use_logo": "create_account",
}
# Words of the other actions: with them in the question, a message is not the only reading.
_OTHER_ACTION = re.compile(
    r"\b(?:posts?|posting|page|story|stories|logo|mascot|sell\w*|interview\w*|"
    r"(?<!is a )(?<!'s a )(?<!was a )(?<!is an )reporters?|"
    r"install\w*|apps?|download\w*|blocked|unblock\w*|filter|passwords?|logins?|log ?in|"
    r"follow\w*|friend(?:s(?!')|ed|ing)?|website|blog|publish\w*|upload\w*|tag(?:s|ged|ging)?|"
    r"share|sharing)\b",
    re.IGNORECASE,
)


# Words before "post" that make it the noun: a possessive, an adjective in -ing or -ed.
_NOUN_BEFORE = re.compile(
    r"(?:'s|s'|\b\w+ing|\b\w+ed|\b(?:this|that|these|those|his|her|your|each|every|any|some|"
    r"its|mean|funny|old|recent|new|latest|last|first|whose|which|what|blog|class|school|"
    r"district|team|student|kid|parent|job|guest|forum|original|facebook|instagram|fb|insta|"
    r"social media))\s+$",
    re.IGNORECASE,
)
_USED_TO = re.compile(r"\b(?:used to|i stopped|i quit) $", re.IGNORECASE)
_HYPOTHETICAL = re.compile(r"\b(?:if|in case|what if|si|en caso)\b", re.IGNORECASE)


def _last_question_sentence(text: str) -> int | None:
    """Where the last sentence that starts by asking ("… . Can I …") begins, when a
    sentence comes before it and it asks about one thing (no "or"); None otherwise."""
    starts = [
        m.start()
        for m in _QUESTION_LEAD.finditer(text)
        if m.start() > 0
        and re.search(
            r"[.!?]\s*(?:(?:so|now|but|and|then|ok|okay|well),? )?$",
            text[: m.start()],
            re.IGNORECASE,
        )
    ]
    if not starts or re.search(r"\b(?:or|o)\b", text[starts[-1] :], re.IGNORECASE):
        return None  # "can I reply from Gmail or do I switch to school e-mail": both asked
    return starts[-1]


def _asking_sentence(text: str) -> tuple[int, int]:
    """Where the sentence that asks (the last one ending in "?", else the last) starts and
    ends."""
    asks = [m.end() for m in re.finditer(r"\?", text)]
    end = asks[-1] if asks else len(text)
    starts = [m.end() for m in re.finditer(r"[.!?]+\s+", text[:end]) if m.end() < end]
    return (starts[-1] if starts else 0), end


# The clause a cue is in, up to it: from the last sentence or clause break.
def _clause_before(text: str, start: int) -> str:
    return re.split(r"[.!?;,]|\bbut\b", text[:start])[-1]


# Whose the device, account or address is: someone else's ("a student's school account",
# "to her personal email") is where it goes, not what the asker sends from.
_SOMEONE_ELSES = re.compile(
    r"(?:\b(?!my\b|our\b|mi\b)\w+'s|s'|\b(?:to|into) (?:her|his|their))\s*$", re.IGNORECASE
)
_OWNED_CHANNEL = frozenset({"channel.device", "channel.account", "channel.platform"})
_ADDRESSES = ("e-mail", "email", "gmail", "yahoo")
# A clause that says why or for whom ("so she knows who to watch at lunch", "so they can
# reach me on weekends"): its time is not the asker's.
_SO_THEY = re.compile(
    r"\bso (?:that )?(?:she|he|they|the \w+|parents|students|kids|families|i can)\b[^.!?;]*$",
    re.IGNORECASE,
)
# Words of a relative clause about a person ("a student who's out on suspension"): what it
# says about them is not what the message carries.
_ABOUT_THE_PERSON = re.compile(
    r"\bwho(?:'s| is| was| has| had| got| keeps|'s been| has been)?\b"
    r"(?:(?!\babout\b|\bregarding\b)[^.!?;,]){0,40}$",
    re.IGNORECASE,
)
# A clause about something that comes to the asker ("if I get a text from a parent during
# class", "when a student emails me at night"): its time is when it came, not when the asker acts.
_WHEN_IT_CAME = re.compile(
    r"\b(?:if|when|whenever|si|cuando)\b[^.!?;,]*\b(?:get|gets|got|receive|receives|received|"
    r"recibo|(?:texts?|emails?|e-mails?|calls?|messages?|dms?|writes?|snaps?|sends?) me)\b"
    r"[^.!?;,]*$",
    re.IGNORECASE,
)
# The answer is given at another time than the thing came ("… can I call her at lunch instead").
_ANOTHER_TIME = re.compile(
    r"\b(?:instead|later|tomorrow|at lunch|during lunch|in the morning|after (?:school|class)|"
    r"the next day|next day|on monday|when i get (?:to school|in|home)|mañana|luego|después)\b",
    re.IGNORECASE,
)
# After a cue: the emergency is over ("the lockdown we had today").
_PAST = re.compile(
    r"^\w*\s+(?:(?:we|they|i|you) (?:had|went through)|(?:that |which )?(?:was|happened|ended)"
    r"|(?:last|yesterday|earlier|ago)\b)",
    re.IGNORECASE,
)
# A choice the question offers ("should I answer there or switch to school email", "desde mi
# cuenta personal o la de la escuela"): either side is asked, neither is said.
_CHOICE_AFTER = re.compile(
    r"^\s*,?\s*(?:or|o)\b(?:(?!\s+(?:not|do|does|should|must|can|could|would|will|i|is|are|just)\b)"
    r"|\s+(?:(?:do|should|must|can|would) i |i )?(?:just )?(?:have to |need to )?(?:switch|move|"
    r"go|stick|change|use)\b)",
    re.IGNORECASE,
)
_CHOICE_BEFORE = re.compile(
    r"\b(?:or|o) (?:only |just |solo |sólo )?(?:by |via |a |an |the |from |desde |con |on |in |"
    r"through |with )?(?:the |a |an |my |our )?$"
    r"|\b(?:or|o) (?:(?:do|should|must|can|would) i |i )?(?:just |only )?(?:switch|move|go|stick|"
    r"change|have to|need to|should|must|use|cambi\w+|pas\w+)\b[^.!?]*$",
    re.IGNORECASE,
)


def _in_choice(field: str, text: str, match: re.Match[str]) -> bool:
    """A channel the question offers as one of two ("… or switch to school email")."""
    return field.startswith("channel.") and bool(
        _CHOICE_AFTER.match(text[match.end() :]) or _CHOICE_BEFORE.search(text[: match.start()])
    )


def _not_the_askers(field: str, text: str, match: re.Match[str]) -> bool:
    """A cue in words that are about someone else or another time: not a fact of the
    asker's situation."""
    start = match.start()
    if field.startswith("channel.") and re.search(
        r"\bscreen ?(?:shot|cap|grab)(?:s|ted|ting|bed)?(?: of)? (?:[\w']+ ){0,3}$",
        text[max(0, start - 40) : start],
        re.IGNORECASE,
    ):
        return True  # "screenshot a student's snap and send it": what is sent, not how
    if (
        field == "purpose"
        and re.match(r"(?:my |mi )?(?:own )?" + _FAMILY + r"'s ", match.group(0), re.I)
        and re.search(
            r"\b(?:at|from|during|while (?:i'?m |i am )?at|after|before) $",
            text[max(0, start - 20) : start],
            re.IGNORECASE,
        )
    ):
        return True  # "from my phone while I'm at my kid's game": where, not why
    if field == "purpose" and re.search(
        r"\bwhile (?:i'?m |i am )?$", text[max(0, start - 15) : start], re.IGNORECASE
    ):
        return True  # "stream music while grading": what else is done, not why
    if field in _OWNED_CHANNEL and (
        (field != "channel.platform" or match.group(0).lower().endswith(_ADDRESSES))
        and _SOMEONE_ELSES.search(text[max(0, start - 30) : start])
    ):
        return True
    if field in ("actor.on_duty", "actor.duty_free") and _SO_THEY.search(
        _clause_before(text, start) if "," not in text[max(0, start - 60) : start] else text[:start]
    ):
        return True
    if (
        field in ("actor.on_duty", "actor.duty_free")
        and _WHEN_IT_CAME.search(re.split(r"[.!?;,]", text[:start])[-1])
        and _ANOTHER_TIME.search(text[match.end() :])
    ):
        return True  # "if I get a text from a parent during class, can I call her at lunch"
    if field.startswith("content.student_") and _ABOUT_THE_PERSON.search(text[:start]):
        return True
    return field == "emergency" and bool(_PAST.match(text[match.end() :]))


def understand(question: str) -> tuple[Understood, ...]:
    """The facts the question states, each with the words it was read from: the rules'
    reading (:func:`understand_by_rules`) checked by the learned second reader, which
    drops a fact it finds unlikely and may add one it is sure of
    (``lanyard.mayi.learned``)."""
    found = {u.field: u for u in understand_by_rules(question)}
    return tuple(_second_reading(question, found).values())


def understand_by_rules(question: str) -> tuple[Understood, ...]:
    """The facts the rules read, each with the words it was read from. Two cues that
    read different values for one field cancel out (the fact stays unknown)."""
    corrected = spelling.correct(_normal(question), _known_words())
    found = _read_rules(corrected.text)
    if not corrected.changes:
        return found
    # the facts keep the asker's own words ("frend a parnt", not "friend a parent")
    return tuple(replace(u, words=spelling.original_words(corrected, u.words)) for u in found)


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Words the reader has seen in the questions it was trained on: never "corrected"."""
    params = learned.params()
    if params is None:
        return frozenset()
    return frozenset(name[2:] for name in params.vocabulary if name.startswith("w:"))


def _read_rules(text: str) -> tuple[Understood, ...]:
    found: dict[str, Understood] = {}
    action = _action(text)
    if action is not None:
        found[action.field] = action
    candidates: dict[str, list[tuple[int, Understood]]] = {}
    chosen: dict[str, list[tuple[int, Understood]]] = {}  # the sides of "… or …"
    theirs: set[Understood] = set()  # the counterpart's own account ("a student's school email")
    masked = _masked(text)
    for cue in _FACTS:
        # how it is sent and whose device or account: not from someone else's words
        where = masked if cue.facts[0][0].startswith("channel.") else text
        for match in cue.pattern.finditer(where):
            if cue.facts[0][0] in ("channel.device", "channel.account") and _DECLINED.search(
                text[max(0, match.start() - 45) : match.start()]
            ):
                continue
            if cue.facts[0][0] == "channel.device" and _OUT_OF_USE.match(text[match.end() :]):
                continue
            if _not_the_askers(cue.facts[0][0], text, match):
                if cue.facts[0][0] == "channel.account" and _SOMEONE_ELSES.search(
                    text[max(0, match.start() - 30) : match.start()]
                ):
                    theirs.add(Understood("counterparts.account", cue.facts[0][1], match.group(0)))
                continue
            in_choice = _in_choice(cue.facts[0][0], text, match)
            negated = _negated(text, match.start())
            if cue.facts[0][0] == "emergency" and _HYPOTHETICAL.search(
                re.split(r"[.!?]", text[: match.start()])[-1]
            ):
                continue  # "if there's a lockdown, should I …": not an emergency now
            for field, value in cue.facts:
                if value is None:  # the platform is the word itself
                    value = match.group(0).lower()
                if negated and cue.negatable:
                    if (field, value) in _OTHER:
                        value = _OTHER[(field, value)]
                    elif field in _BOOLEAN_NEGATABLE and value is True:
                        value = False
                    else:
                        continue
                elif negated:
                    continue
                (chosen if in_choice else candidates).setdefault(field, []).append(
                    (match.start(), Understood(field, value, match.group(0)))
                )
    for field, sides in chosen.items():
        # a choice is asked, not said: its field is known only where every reading agrees
        readings = candidates.get(field, []) + sides
        if len(readings) > 1 and len({repr(r.value) for _, r in readings}) == 1:
            candidates[field] = readings
        else:
            candidates.pop(field, None)
    asked = _last_question_sentence(text)
    media = candidates.get("channel.medium", [])
    start, end = _asking_sentence(text)
    background_app = (
        any(r.value == "notification_app" for _, r in media)
        and all(not start <= at < end for at, r in media if r.value == "notification_app")
        and any(start <= at < end for at, r in media if r.value != "notification_app")
    )
    if background_app:
        # "Our district rolled out ParentSquare but … Is texting them allowed?": the app of
        # another sentence is not the channel asked about
        candidates["channel.medium"] = [(at, r) for at, r in media if start <= at < end]
        platforms = candidates.get("channel.platform", [])
        if platforms and all(not start <= at < end for at, _ in platforms):
            candidates.pop("channel.platform")
    if any(r.value == "notification_app" for _, r in media) and not (
        background_app
        or (
            asked is not None
            and all(at < asked for at, r in media if r.value == "notification_app")
            and any(at >= asked for at, r in media if r.value != "notification_app")
        )
    ):
        # "text families through Remind": the app is how it is sent (but not "We use
        # ParentSquare. Can I also text them?": the question's own channel is asked)
        candidates["channel.medium"] = [(at, r) for at, r in media if r.value != "text_message"]
    if (
        asked is not None
        and any(at >= asked for at, _ in candidates.get("channel.medium", []))
        and all(at < asked for at, _ in candidates.get("channel.platform", []))
    ):
        # "a mom messaged me on fb … can I email her?": the story's network is not the channel
        candidates.pop("channel.platform", None)
        if all(at < asked for at, _ in candidates.get("channel.disappearing", [])):
            candidates.pop("channel.disappearing", None)
    speaks = candidates.get("content.speaks_for_district", [])
    if any(r.value is True for _, r in speaks):
        # "… the board's decision. I won't say where I work": it still refers to the district
        candidates["content.speaks_for_district"] = [(at, r) for at, r in speaks if r.value]
    for field, readings in candidates.items():
        if (
            field == "content.student_records"
            and asked is not None
            and not re.search(
                r"\b(?:it|them|that|this|those|these|do so)\b|^\W*(?:can|may|could|should) i\W*$",
                text[asked:],
                re.IGNORECASE,
            )
        ):
            # "My grades are due Friday. Can I text a parent …?": a record named in the story
            # before the question is not what the message carries (unless the question
            # points back to it: "… her kid's grades. Can I reply with them?")
            readings = [(at, r) for at, r in readings if at >= asked]
        if len({repr(r.value) for _, r in readings}) > 1 and asked is not None:
            # readings that disagree: a sentence that asks, after a story, says what is asked
            readings = [(at, r) for at, r in readings if at >= asked]
        if readings and len({repr(r.value) for _, r in readings}) == 1:
            found[field] = readings[0][1]
    actor = _actor_role(text)
    if actor is not None:
        found[actor.field] = actor
    said = found.get("action")
    people = _counterparts(text, actor.value if actor else None, said.value if said else None)
    for fact in people:
        found[fact.field] = fact
    _imply(found, text)
    if len({u.value for u in theirs}) == 1 and "counterparts.role" in found:
        found["counterparts.account"] = next(iter(theirs))
    action = found.get("action")
    medium = found.get("channel.medium")
    if (
        action is not None
        and medium is not None
        and medium.value in ("email", "text_message", "phone")
        and action.value
        in ("create_account", "post", "friend_or_follow", "use_logo", "share_credentials")
    ):
        del found["channel.medium"]
    return tuple(found.values())


# A question passed on for someone who would act ("one of my teachers asked me if she can
# friend a parent"): the one who asked is no counterpart who wrote first.
_ASKED_FOR_THEM = re.compile(
    r"\b(?:asked|asks|asking|wants to know|wanted to know|wonders|wondered|(?:is|was) wondering)"
    r"(?: me)? (?:if|whether) (?:she|he|they|we) (?:can|could|may|might|should|is allowed|are "
    r"allowed)\b(?![^.?!]*\b(?:me|my|i)\b)",
    re.IGNORECASE,
)


_ONE_MENTION = (
    ("counterparts.role", "counterparts.count"),
    ("counterparts.count", "counterparts.role"),
)


def _second_reading(question: str, found: dict[str, Understood]) -> dict[str, Understood]:
    """The learned second reader (``lanyard.mayi.learned``): a fact whose value it finds
    unlikely is dropped (left unknown, to be asked), and a field it may propose is read
    where the rules read nothing and it is confident, with the question's own words."""
    params = learned.params()
    if params is None:
        return found
    words = params.words(question)
    kept: dict[str, Understood] = {}
    for name, fact in found.items():
        model = params.fields.get(name)
        at = model.index(fact.value) if model is not None else None
        if (
            model is None
            or at is None
            or name in learned.NO_VETO
            or model.probabilities(words)[at] >= params.veto_below
        ):
            kept[name] = fact
    for one, other in _ONE_MENTION:
        if one in found and one not in kept and other in kept:
            if kept[other].words == found[one].words:
                # "impersonating our principal": who it is and how many were read from one
                # mention; the mention found unlikely, neither is kept
                del kept[other]
    for name, needed in params.propose_at.items():
        model = params.fields.get(name)
        if name in kept or model is None:
            continue
        if name == "counterparts.initiated_contact" and _ASKED_FOR_THEM.search(question):
            continue
        chances = model.probabilities(words)
        best = int(chances.argmax())
        value = model.classes[best]
        if value is None or chances[best] < needed:
            continue
        said = learned.words_in(question, model.evidence(words, value))
        if said:
            kept[name] = Understood(name, value, said)
    return kept


def _imply(found: dict[str, Understood], text: str) -> None:
    """What the words say together: a post on a platform is a social post; "my son" is
    one's own child; a message that arrived first means they initiated contact."""
    action = found.get("action")
    arrived = re.search(
        r"\b(?:sent me|got a|received a|keeps (?:calling|texting|messaging|emailing|e-mailing|"
        r"snapping|dm'?ing)|me mandó|me envió|recibí)\b",
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
    if (
        arrived
        and (bad or arrived.group(0).lower().startswith("keeps"))
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
            re.escape(action.words) + r"\s+(?:with\s+|to\s+)?(?:my|mi) (?:husband|wife|spouse|"
            r"partner|boyfriend|girlfriend|fianc[ée]e?|mom|dad|mother|father|parents|esposo|esposa|"
            r"mamá|papá|doctor|doctor's office|dentist|pharmacy|bank|mechanic|landlord|"
            r"insurance(?: company)?|vet|médico|doctora?|(?:(?:kids?|son|daughter|children)"
            r"(?:'s|s'|') )?(?:babysitter|sitter|nanny|daycare|pediatrician))\b",
            text,
            re.IGNORECASE,
        )
        if action is not None
        else None
    )
    if act == "message" and family and "counterparts.role" not in found:
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
    if relationship and relationship.value != "familial" and "counterparts.role" not in found:
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
        r"|\b(?:wants? to (?:follow|add|friend|interview) me|(?:sent|left) me an?\b|"
        r"reached out|me (?:escribi[óo]|mand[óo]|envi[óo]|llam[óo]|pregunt[óo]|contact[óo]|"
        r"dej[óo]|agreg[óo]|sigui[óo]|amenaz[óo]))\b",
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
            re.escape(cp.words) + r"\s+(?:\w+\s+)?(?:texted|txted|messaged|msged|emailed|e-mailed|"
            r"dm'?d|dmed|called|wrote|snapped|left me|sent me|asked me|me escribi[óo]|"
            r"me mand[óo]|me llam[óo]|me pidi[óo]|me pregunt[óo]|me contact[óo])\b",
            text,
            re.IGNORECASE,
        )
        and re.search(
            r"\b(?:call|text|txt|email|e-mail|message|msg|dm|tell|answer|write|reply to)\s+"
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
        r"exalumn[oa]s?|ex[- ]alumn[oa]s?)\b(?!'s)",
        text,
        re.IGNORECASE,
    )
    if former:
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
        r"seniors?(?! citizens?)|varsity|high school|hs|ap (?:class(?:es)?|students?|kids|bio\w*|"
        r"chem\w*|calc\w*|lit\w*|lang\w*|english|history|gov\w*|psych\w*|physics|stats?|us|world|"
        r"euro\w*|spanish|art|music|environmental|computer))|(?P<ms>[78]th[- ]grade(?:rs?)?|"
        r"middle school(?:ers?)?)|(?P<es>(?:k|1st|2nd|3rd|4th|5th)[- ]grade(?:rs?)?|"
        r"kindergarten|kinder|elementary))\b",
        text,
        re.IGNORECASE,
    )
    role = found.get("counterparts.role")
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
_PERSONAL_ACTIONS = frozenset({"commercial_use", "play_games"})
_FOR_SCHOOL = (
    r"\b(?:educational|education|for (?:my |our |the |a )?(?:class|classes|students|lesson)|"
    r"with (?:my |our |the )?(?:class|students|kids|\d+(?:st|nd|rd|th) graders)|fundraiser|"
    r"booster|pto|indoor recess|kahoot|blooket|gimkit|quizlet|student[- ]run|school store|"
    r"student store|cte|deca|fbla|(?:my |our |the )?students (?:run|sell|are selling|make))\b"
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


def situation_from(district: str, facts: Mapping[str, Any]) -> dict[str, Any]:
    """A situation draft from flat facts (``counterparts.<name>`` on one counterpart)."""
    draft: dict[str, Any] = {"district": district}
    counterpart: dict[str, Any] = {}
    for field, value in facts.items():
        head, _, name = field.partition(".")
        if head == "counterparts":
            counterpart[name] = value
        elif name:
            draft.setdefault(head, {})[name] = value
        else:
            draft[head] = value
    if counterpart:
        draft["counterparts"] = [counterpart]
    return draft


def parse_value(field: str, raw: str) -> Any:
    """A fact's value as the page sends it back ("true", "2", "personal")."""
    if raw in ("true", "false"):
        return raw == "true"
    if field in ("counterparts.count", "counterparts.contact_attempts") and raw.isdigit():
        return int(raw)
    return raw


def encode_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
