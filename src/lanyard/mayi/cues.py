"""The May I? reader's word classes and what the person wants to do: the cues of each action,
strongest reading first (:mod:`lanyard.mayi.understand` reads them). Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


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
    r"mamás?|papá|papas(?! fritas)|padre|madres?|familias|grandm(?:a|other)|grandp(?:a|op)|"
    r"grandfather|grandparents?|step-?(?:mom|dad|mother|father)s?)"
)

# What the person wants to do, strongest reading first: the first action that matches wins.
# The school's own account or page: what is posted there, or the account started, is school
# business; a message sent from it or a follow of it says nothing about why.
# A school subject, sport, group or term naming which test, game or meeting it is ("about the
# unit test", "for my history lesson", "about the staff meeting").
_SCHOOL_KIND = (
    r"(?:unit|chapter|spelling|math|science|history|english|ela|reading|writing|bio|biology|"
    r"chem|chemistry|physics|civics|art|music|pe|gym|spanish|french|lab|band|choir|football|"
    r"basketball|soccer|volleyball|softball|baseball|track|wrestling|swim|tennis|golf|"
    r"cross[- ]country|varsity|jv|home|away|playoff|semester|end[- ]of[- ]year|staff|faculty|"
    r"department|grade[- ]level|act|sat|ap|ib|class|team|club|school)"
)

_SCHOOL_ACCOUNT = (
    r"(?:(?:the |our )(?:school|district)(?:'s)?|class|team|club|classroom|"
    r"yearbook|athletics|band|choir|department)(?:'s)? (?:official )?(?:instagram|insta|"
    r"facebook|fb|tiktok|twitter|account|acct|page|website|site|blog|youtube|channel|snapchat|"
    r"group chat|remind|google classroom|google sites|newsletter)"
)

# A request or approach that came from the other side ("wants to follow me", "reached out",
# "me escribió"; accepting a request, following back, being filmed), read by
# :mod:`lanyard.mayi.implications` as "they contacted you first".
_REQUESTS = (
    r"accept (?:a |an |the |her |his |their |this |that )?(?:[\w'-]+ ){0,2}(?:friend |follow |"
    r"linkedin |connection )?requests?|(?:follow|add|friend) (?:[\w'-]+ ){0,3}back|"
    r"[\w-]+'s (?:friend|follow|linkedin|connection) requests?|solicitud de amistad de|"
    r"me sigu(?:en|ieron|i[óo])|quiere entrevistar(?:me|nos)|"
    r"wants? to (?:film|feature|photograph|quote)"
    r"|wants? to (?:follow|add|friend|interview) me|(?:sent|left) me an?\b|"
    r"reached out|me (?:escribi[óo]|mand[óo]|envi[óo]|llam[óo]|pregunt[óo]|contact[óo]|"
    r"dej[óo]|agreg[óo]|sigui[óo]|amenaz[óo])"
)

_ON_ACCOUNT = frozenset({"post", "create_account", "respond_to_contact"})

_OWN_CUES: tuple[_Cue, ...] = (
    _cue(
        r"\b(?:give|share|tell|hand|lend|send|use|let \w+ use|asked (?:me )?for|want\w* "
        r"(?:me )?(?:to give|for)|make me give|dar|compartir|darle|wants?|needs?|quiere|"
        r"pide|pidió)\b[\w\s'’-]{0,40}?"
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
        r"(?:it|that|site|they)'(?:s|re) blocked|(?:site|website|page|video|app)s? (?:[\w']+ ){1,6}"
        r"(?:is|are|was|were|gets?|got|keeps getting) blocked|"
        r"desbloquear|desbloqueen|bloquead[oa]s?|el filtro)\b",
        ("action", "disable_filter"),
        negatable=False,
    ),
    _cue(
        r"\b(?:hacked|threatening|threatened|threat|make me pay|nasty|gross|harass\w*|"
        r"hits? (?:her|him|me)"
        r"|hurts (?:her|him|me)|touch(?:es|ed) (?:her|him|me)"
        r"|(?:hurt|kill|cut|cutting|harm|harming) (?:him|her|them)"
        r"sel(?:f|ves)|suicid\w*|self[- ]harm\w*"
        r"|abus\w+|sexual|nudes?|amenaz\w*|acos\w+)\b[\w\s,'’.¿?!:]{0,80}?\b(?:what (?:do|should)"
        r" i do|what (?:do|should) i (?:have|need) to do|what am i (?:required|supposed) to do"
        r"|who do i|what am i supposed|what now|do i have to report|should i report"
        r"|report it|qué hago|que hago)\b"
        r"|\b(?:sent me|left me|got a|received a|recibí|me mand[óo]|me envi[óo]|me dej[óo]|"
        r"me est[áa] (?:mandando|enviando|escribiendo)|me sigue (?:mandando|enviando|escribiendo)|"
        r"me lleg[óo]|(?:someone|somebody|some ?one|a stranger|anonymous(?:ly)?|(?:a|one of my|"
        r"one of the|some) (?:kid|student|parent|mom|dad|player|coworker|colleague)s?) (?:sent|"
        r"posted|dropped|left|wrote))\b"
        r"[\w\s,'’.¿?!:]{0,80}?\b(?:threat\w*|nasty|gross|sexual|nudes?|amenaz\w*|"
        r"inappropriate|inapropiad[oa]s?|feos?|feas?|groser[oa]s?|ofensiv[oa]s?|obscen[oa]s?|"
        r"racist|racistas?|racial slurs?|slurs?|homophobic|porn\w*)\b"
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
        r"(?:call|calling|email|emailing|e-mail|dm|text|texting|txt|message|messaging) "
        r"(?:(?:the|a|an|this|that|those|these) )?(?:her|him|them|\w+) back"
        r"|return "
        r"(?:her|his|their|the) (?:call|text|email|message)|follow up with (?:her|him|them)"
        r"|respond(?:er|a|e|o)(?:le|les)?|contest(?:ar|a|e|o)(?:le|les)?|rsvp"
        r"|i (?:picked up|answered|replied|responded|wrote back|texted (?:her|him|them) back)"
        r"|answer (?:a|an|the|her|his|their|this|that) (?:\w+'s |\w+s' )?(?:text|e-?mail|message|"
        r"call|dm|voicemail|comment|question)s?|answer (?:(?:parent|student|work|personal) )?"
        r"(?:texts|e-?mails|messages|calls|dms))\b"
        r"|\b(?:can|should|do|ok to|okay to|i) (?:i )?(?:have to |just |even )?(?:answer|pick up)"
        r"(?=\s*(?:it|her|him|them|the phone|yes|no)?\s*(?:there|back|now|tonight|on there)?"
        r"\s*(?:(?:on|in|by|through|via|over|from) (?:the |a |my )?(?:personal |own |school |"
        r"work )?[\w-]+\s*)?(?:[?.!]|\bor\b|$))"
        r"|\b(?:call|calling) back\b|\b(?:can|should|do|may) i (?:dm|text|txt|email|e-mail|message|"
        r"snap|write|call) back\b",
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
        r"twitter|tiktok|youtube|snapchat|discord|account"
        r"|acct|page|site|website|blog|channel|cuenta|"
        r"página|canal)\b",
        ("action", "create_account"),
        negatable=False,
    ),
    _cue(
        r"\b(?:friend (?:request|my|a|her|him|them|students?|parents?|the|other|colleagues|"
        r"co-?workers|teachers)|to friend|friended|unfriend"
        r"|following (?:my|a|the|her|his|their|our) (?:\w+ )?(?:students?|kids?|parents?|"
        r"players?|athletes?) back"
        r"|(?:be|stay|remain) friends with|connect (?:with (?:me|a|her|him|them|students?|"
        r"parents?|(?:my|our|the) (?:former |old |past |current )?(?:students|parents|players|"
        r"athletes|families|kids))|on "
        r"(?:linkedin|facebook|instagram))|follow "
        r"(?!(?:the |our |district |school |this |these |that |those |all |my |your )?"
        r"(?:[\w'-]+ ){0,3}"
        r"(?:rules?|polic\w+|guidelines?|procedures?|protocols?|laws?|handbook|code|steps|"
        r"instructions|directions|advice|plan)\b|(?:up|"
        r"through|directions)\b)(?:all (?:of )?)?(?:me|my|a|an|the|our|her|him|them|students?|"
        r"kids?|parents?|"
        r"colleagues?|teachers|co-?workers|players|athletes|families|staff)"
        r"(?<!(?:ents|ders|dren|kids|ople|they) follow me)|accept"
        r" (?:a|her|his|their|the)? ?(?:friend |follow |linkedin )?requests?|wants? to "
        r"(?:follow|add|friend) me|add (?:me|kids|students|parents|them|her|him|(?:the |my |"
        r"our |a |an )?(?:[\w-]+(?:'s|s') )?(?:(?:old|former|new|current|past|older|younger|big|"
        r"little) )?(?:players?|athletes?|parent|student|sister|brother|sibling|cousin|aunt|uncle|"
        r"neighbou?r|grandma|grandpa|"
        r"kid|mom|dad|colleague|coworker|custodian|secretary|aide|para|nurse|counselor|principal|"
        r"sub|teacher|coach|"
        r"team|students|kids|parents|families|class|jugador(?:es|as)?|alumn[oa]s|estudiantes))\b"
        r"[\w\s]{0,25}? on "
        r"(?:snap\w*|instagram|insta|facebook|fb|tiktok|linkedin|discord)|"
        r"follow request|follow back|followed me|requested to follow|add (?:her|him|them) back|"
        r"accept (?:a |an |the |her |"
        r"his |their )?(?:linkedin )?connection|"
        r"agregar|seguir a|seguirl[oae]s?|solicitud(?: de amistad)?"
        r"|(?:like|liking|darle like a|dar like a) (?:(?:my|a|her|his|their|the|las|los) )?"
        r"(?:[\w-]+(?:'s|s') )?(?:posts|pics|photos|videos|tiktoks|publicaciones))\b",
        ("action", "friend_or_follow"),
        negatable=False,
    ),
    _cue(
        r"(?<!my )(?<!a )(?<!the )(?<!public )(?<!instagram )(?<!facebook )(?<!their )"
        r"\b(?:post|posting|upload|tweet(?! at\b)|retweet|repost|publish|publicar\w*|"
        r"publi(?:que|quen|co|ca)|"
        r"subir\w*|post(?:ear|eo|ee|een|eas|earl[oa]s?|earle)|(?:subo|sub[íi]|suba|suben) "
        r"(?=(?:\w+ ){0,3}(?:fotos?|videos?))|livestream|"
        r"live ?stream|go live)\b|\bmake (?:a |an )?(?:tiktok|reel|youtube video)s?\b"
        r"(?! (?:account|page|channel))|\b(?:share|put)\b[\w\s']{0,30}"
        r"\b(?:photos?|pictures?|pics?|videos?|fotos?|posts?|links?|articles?|honou?r roll|"
        r"slideshows?|slides|recordings?|"
        r"art ?work|art projects?|projects?|essays?|class list|roster)\b[\w\s'’]{0,40}"
        r"\b(?:on|to) (?:the |my |our |a |her |his |their )?(?:own )?(?:personal )?"
        r"(?:(?:class|school|team|classroom)(?:'s)? |(?:photography|art|personal|teacher|"
        r"travel|family|business) )?"
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
        r"\b(?:play|playing|jugar)\b[\w\s]{0,15}\b(?:poker|blackjack|cards|card games?|words with "
        r"friends|tetris|bingo|mahjong|cartas|ajedrez|juegos en l[íi]nea)\b|"
        r"\b(?:wordle|solitaire|words with friends)\b(?= (?:on my|on the (?:school|office|work|"
        r"district)|during my|at lunch)\b)|"
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
        r"\b(?:revisar|ver|checar|leer) (?:mi |mis )?(?:correo|e-?mails?|mensajes) "
        r"personal(?:es)?\b|"
        r"\bstream(?:ing)? (?:music|spotify|pandora|netflix|hulu|movies|shows|the game|a movie|"
        r"a show)\b|"
        r"\b(?:watch(?:ing)? (?:the )?(?:netflix|hulu|youtube|movies|tv|shows|sports|world cup|"
        r"super bowl|olympics|march madness|playoffs|world series)|netflix|hulu|"
        r"online shop(?:ping)?|shop(?:ping)? (?:online|on amazon)|pay (?:my |some )?bills|"
        r"(?:check|checking|revisar) (?:my |mi )?(?:bank(?: account)?|banco|cuenta de banco)|"
        r"do(?:ing)? my taxes|online banking|"
        r"fantasy football|fantasy (?:league|team|lineup)s?|(?:scroll|"
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
        r"\b(?:text|txt|texting|textear(?:le|les)?|message|messaging|msg|mensaje|"
        # "SMS" as the verb: followed by the one written to ("SMS a student's mom")
        r"sms(?= (?:a|an|the|my|his|her|their|our|this|that|all|each|every|parents?|students?"
        r"|families|kids?|players?|moms?|dads?)\b)|"
        r"(?<!my )(?<!school )"
        r"(?<!personal )(?<!district )(?<!work )(?<!the )(?<!gmail )e-?mail(?! to sign| address)"
        r"|emailing|dm|"
        r"direct message|call|calling(?! (?:me|him|her|them|us|each other|kids|students) names)"
        r"|llamar(?:le|les)?|llamarl[oa]s?|(?<!me )llam[oe]|write to|escribir(?:le|les)?|"
        r"(?<!my )(?<!the )"
        r"(?<!a )(?<!emergency )contact(?! info| information| list| details| form)|reach out|"
        r"(?<!having )(?<!have )(?<!has )(?<!a )(?<!my )(?<!the )(?<!of )(?<!personal )snap|"
        r"(?<!having )(?<!have )(?<!has )(?<!a )(?<!my )(?<!the )(?<!of )(?<!personal )snapchat|"
        r"whatsapp|mandar(?:le|les)?|enviar(?:le|les)?|send(?:ing)? (?:a |an |the |my "
        r"|our |out )?(?:\w+ ){0,2}(?:text|email|e-mail|message|reminder|note|newsletter|update)s?"
        r"|send (?:her|him|them|my|our|the|all|a|an|parents|students|families)\b"
        r"|send(?:ing)? (?:[\w-]+ ){0,5}?(?:un|una) (?:correo|mensaje|recordatorio|nota|aviso|"
        r"texto|email)s?\b"
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
