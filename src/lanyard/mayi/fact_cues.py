"""The May I? reader's cues for every fact beside the action and the people: the channel,
the content, the purpose (its cues in :mod:`lanyard.mayi.purpose_cues`), duty and time, the
relationship (:mod:`lanyard.mayi.understand` reads them). Pure."""

from __future__ import annotations

from lanyard.mayi.cues import _HIDDEN, _KID, _Cue, _cue
from lanyard.mayi.purpose_cues import _PURPOSE_CUES

# Pictures at a school event where students are ("pics from last night's football game",
# "the concert video"): the event's sports, theatre and music, and the school's own days.
_EVENT = (
    r"(?:game|match|meet|tournament|concert|recital|school play|play|musical|field day|"
    r"homecoming|prom|graduation|pep rally|talent show|spelling bee|dance|"
    r"senior night|assembly|parade|carnival|festival|winning shot|partido|concierto|torneo|"
    r"promotion|commencement|awards? (?:night|ceremony)|banquet|desfile|"
    r"obra|graduación|baile|festival)"
)
_EVENT_PICTURES = (
    r"\b(?:photos?|pictures?|pics?|videos?|fotos?|slideshow|footage|clips?) (?:from|of|at|del|"
    r"de la|de los|en el) (?:the |our |my |this |that |a |el |la |los |"
    r"(?:last night|tonight|friday|saturday|yesterday|today)'?s )?(?:[\w-]+ ){0,2}"
    + _EVENT
    + r"s?\b(?!'s| (?:tickets?|schedule|times?|flyers?|posters?|plans?|money|fees?|rules)\b)"
    r"|\b(?:the |our |my )(?:[\w-]+ )?(?:game|concert|musical|prom|homecoming|recital|play|"
    r"dance|graduation|senior night|spelling bee) (?:photos?|pictures?|pics?|videos?|footage|"
    r"slideshow)\b"
)

_FACTS: tuple[_Cue, ...] = (
    # how
    _cue(
        r"\b(?:text(?!s? (?:we|they|i|you)(?:'re| are| were| read| will)\b)(?! ?books?\b)"
        r"(?! (?:set|features?|structure|evidence|dependent)\b)|txt|texting|"
        r"texts(?! (?:we|they|i|you)(?:'re| are| were| read)\b)|sms|imessage|textear(?:le|les)?|"
        r"mensajes? de texto|group text|un texto|unos textos|por texto)\b"
        r"|(?<=\bi )(?:\w+ )?(?:texted|txted)\b|\b(?:texted|txted|texting|texts) me\b",
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
        r"\b(?:call|calling|calls|llamar|llamada|voicemail|facetime|llam(?:arle|arles|arla|arlo|"
        r"arlos|arlas|é|ó|amos|aron|adas)|phone (?=(?:a|the|her|him|them|my|our|parents?|students?|"
        r"families|home)\b))\b(?! (?:in|out) sick\b)"
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
        r"|\b(?:correo|e-?mail|mail)(?: electr[oó]nico)? (?:de la escuela|del distrito|escolar)\b",
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
    _cue(
        # "un whats", "por wasap": WhatsApp as Spanish speakers write it ("whats" alone is
        # often "what's")
        r"\b(?:un|el|al|por|del|mi) whats\b|\b(?:wasap|wassap|guasap|whatsap)\b",
        ("channel.medium", "instant_message"),
        ("channel.platform", "whatsapp"),
        negatable=False,
    ),
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
        r"\b(?:my|from|use|using|mi|desde) (?:personal |own )?yahoo\b",
        ("channel.platform", "yahoo"),
        negatable=False,
    ),
    _cue(
        r"\b(?:my|from|use|using|mi|desde) (?:personal |own )?gmail\b",
        ("channel.platform", "gmail"),
        negatable=False,
    ),
    # a personal mail service named bare ("through Gmail", "my personal hotmail"), not the
    # school's ("my school gmail") nor someone else's ("her gmail", "a parent's yahoo")
    _cue(
        r"(?<!\bher )(?<!\bhis )(?<!\btheir )(?<!\byour )(?<!'s )(?<!s' )(?<!\bschool )"
        r"(?<!\bdistrict )(?<!\bwork )(?<!\bsu )(?<!\bsus )"
        r"(?<!\bher personal )(?<!\bhis personal )(?<!\btheir personal )(?<!'s personal )"
        r"(?<!s' personal )"
        r"\b(gmail|yahoo|hotmail|aol|icloud)\b(?! (?:app|drive|docs?|calendar|sheets?)\b)",
        ("channel.platform", None),
        ("channel.account", "personal"),
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
        r"home computer|n[uú]mero de cel(?:ular)?)\b(?!'s)(?! (?:del trabajo|de la escuela|"
        r"del distrito)\b)|\bmy personal one\b"
        r"|(?:\b(?:my|mi)|(?<!\bon )(?<!\bto )(?<!\bat )\b(?:their|her|his)) "
        r"(?:own|personal|private) (?:phone|cell|cellphone|"
        r"cell phone|iphone|android|laptop|ipad|tablet|device|macbook|computer|number)s?\b"
        r"|(?<!on her )(?<!on his )(?<!on their )(?<!to her )(?<!to his )(?<!to their )"
        r"(?<!at her )(?<!at his )(?<!at their )"
        r"\b(?:personal|private) (?:phone|cell|number|device|laptop|ipad|tablet|"
        r"computer|chromebook)s?\b"
        r"|\b(?:teléfono|celular|n[uú]mero) personal\b"
        r"|\bmy (?:own |personal |private |cell |phone )?#|\bmy home (?:phone|landline|laptop)\b",
        ("channel.device", "personal"),
    ),
    _cue(
        r"\b(?:school|district|work|classroom|office|library|clinic|lab)(?:-issued| issued)? "
        r"(?:phone|cell|laptop|ipad|"
        r"tablet|computer|chromebook|device)s?\b|\b(?:teléfono"
        r"|celular|computadora|compu|laptop|tableta|"
        r"chromebook|ipad) "
        r"(?:de la escuela|del distrito|de la oficina|del salón|del trabajo)\b"
        r"|\b(?:the |my |our )?(?:school|school's|district|district's|class|classroom|office|"
        r"work)(?:-issued| issued)? (?:copiers?|copy machines?|printers?|desktops?|smart ?boards?|"
        r"ipads?|chromebooks|landline|desk ?phones?)\b|\bmy desk phone\b"
        r"|\b(?:the |our )(?:office|school|classroom|front desk|main office) (?:line|phone line)\b",
        ("channel.device", "district"),
    ),
    _cue(
        r"\bmy (?:own |personal )(?:e-?mail|account|instagram|insta|facebook|fb"
        r"|twitter|tiktok|page|accounts|youtube|snapchat|snap|linkedin|website|site|blog|channel|"
        r"discord|pinterest)\b|\bmy private e-?mail\b"
        r"|\b(?<!really )(?<!very )(?<!so )(?<!super )(?<!pretty )(?<!quite )(?<!deeply )"
        r"(?<!too )(?<!extremely )(?<!kind of )(?<!long )(?<!emotional )(?<!heartfelt )"
        r"(?:personal|(?<!make a )(?<!start a )(?<!create a )(?<!set up a )private) "
        r"(?:e-?mail|account|instagram|insta|facebook|fb|page|"
        r"twitter|tiktok)\b|\bmy gmail\b"
        r"|\bmy (?:personal )?yahoo\b|\b(?:cuenta|correo) personal\b|\bmi (?:gmail|yahoo)\b"
        r"|\b(?:my|our|mi) (?:own |personal )(?:gmail|outlook|hotmail|google|icloud|netflix|"
        r"spotify|blog|e-?mails)(?: accounts?)?\b"
        r"|\b(?:my|mi) (?:facebook|instagram|insta|tiktok|twitter|fb|gmail|correo|cuenta)"
        r" personal\b"
        r"|\b(?:my|our) own accounts?\b|\b(?:their|his|her) own (?:\w+ )?"
        r"(?:accounts?|pages?|channel|instagram|insta|facebook|fb|tiktok|twitter|youtube)\b",
        ("channel.account", "personal"),
    ),
    _cue(
        r"\b(?:my |the |our )?(?:school|district|work)(?:'s)? (?:e-?mail|account|acct|page|"
        r"instagram|facebook|twitter|tiktok|insta|youtube(?: channel)?|website)\b"
        r"|\b(?:correo|e-?mail|mail)(?: electr[oó]nico)? (?:de la escuela|del distrito|escolar)\b"
        r"|\bcuenta (?:de la escuela|del distrito)\b"
        r"|\b(?:the|our) (?:school|district|athletics?) (?:fb|insta|ig|instagram|twitter|tiktok)"
        r"(?: account)?\b"
        r"|\bthe district (?:gmail|google|e-?mail) accounts?\b"
        r"|\b(?:el|la) (?:facebook|instagram|página|cuenta de \w+) de la escuela\b",
        ("channel.account", "district"),
    ),
    *_PURPOSE_CUES,
    # when
    _cue(
        r"\b(?:during class|(?<!had )(?<!was )(?<!were )(?<!student )(?<!students )(?<!kid )"
        r"(?<!kids )(?<!girl )(?<!boy )(?<!did )"
        r"(?<!has )(?<!have )(?<!had )(?<!having )"
        r"in class(?! (?:photos?|pictures?|pics|today|yesterday|last))|"
        r"during (?:the )?school(?: day)?|"
        r"while (?:i'?m )?teaching|on duty|during (?:a |the )?lockdown|during instruction|"
        r"durante (?:la )?clase|en (?:la )?clase|en horario escolar|"
        r"during (?:school|work|working|contract) hours|during instructional time|on the clock|"
        r"in the middle of (?:class|a lesson|teaching"
        r"|my lesson)|while (?:i'?m )?(?:at work|working)|"
        r"(?:durante|en) (?:el )?horario (?:de trabajo|laboral|de clases))\b",
        ("actor.on_duty", True),
        negatable=False,
    ),
    _cue(
        r"\b(?:at lunch|during lunch|my lunch|plan(?:ning)? period|prep period|(?:during|on|in) my "
        r"(?:plan|prep)(?! (?:time|period))|on (?:my )?"
        r"break|a la hora del almuerzo|en el almuerzo|durante el almuerzo|en mi descanso|"
        r"(?:en|durante) (?:mi |el )(?:lunch|break|prep|planning)|"
        r"durante mi descanso|(?:en|durante) mi (?:hora|periodo) (?:libre|de almuerzo)|free period|"
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
        r"en la noche|por la noche|el fin de semana|fin de semana|fuera de horario|desde casa|"
        # the weekend's days and other off-duty times in other words
        r"on (?:a |the )?(?:saturday|sunday|sat|sun)s?(?!'s)|(?:saturday|sunday) (?:night|nite|"
        r"morning|afternoon|evening)|(?:the |this |on the |over the )?wknd|(?:at|late at) nite|"
        r"tonite|after work|(?:during|over|in|this) (?:the )?summer(?! (?:school|camp|program|"
        r"reading|session|class))|(?:during|over) (?:the )?(?:holidays|holiday break)|"
        r"(?:el|los|un) (?:s[áa]bados?|domingos?)|en (?:el )?verano|(?:durante|en) las vacaciones|"
        r"de noche|en mi casa|off duty|on my own time|outside (?:of )?(?:school|work|business|"
        r"contract|working) hours|outside of school)\b",
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
        r"[\w-]+)(?!\w* (?:made|drew|wrote|created|built|painted|designed|did)\b)"
        + r"|\b"
        + _KID
        + r"'?s?'? (?:\w+ )?(?:photos?|pictures?|pics?|videos?|images?|fotos?)\b"
        r"|\bclass (?:photo|picture|pictures|pics)\b|\bgroup (?:photo|pic|picture)s?\b"
        r"|\b(?:photos?|pictures?|pics?|videos?|images?|fotos?) of (?:my|our|the) (?:whole )?"
        r"(?:(?!school\b|classroom\b|class\b)[\w-]+ )?"
        r"(?:class|team|players|athletes|squad|cast|choir|band)\b(?!'s| (?:room|rules|schedule|"
        r"website|page|logo|pet|project|bulletin|shirts?|jerseys?|banner|trophy|board)\b)",
        ("content.student_images", True),
    ),
    # pictures taken at a school event: the students there are in them ("pics from last
    # night's football game", "the concert video", "fotos del partido")
    _cue(
        _EVENT_PICTURES,
        ("content.student_images", True),
    ),
    # names and honours released: directory information ("the honor roll", "my students'
    # names", "with their first names", "el cuadro de honor")
    _cue(
        r"\b(?:honou?r roll|class list|student directory|superlatives|jersey numbers|"
        r"cuadro de honor|(?:names|list) of (?:the |my "
        r"|our |all )?(?:[\w-]+ ){0,2}(?:students|kids|"
        r"children|players|winners|seniors|graduates|qualifiers|finalists|champions|honorees|"
        r"scholars|recipients|athletes)(?! (?:who|that|whose|failing|with)\b)|"
        r"(?:my |the |our )?(?:students'?|kids'?|players'?|"
        r"children'?s|student's|kid's) (?:full |first "
        r"|last )?names?|(?:with|and|plus|including|w/) "
        r"(?:their|his|her|the kids'?|the students'?|students'?) (?:full |first |last )?names|"
        r"(?:los|sus) nombres (?:de (?:los|mis) (?:estudiantes|alumnos|niños))?|"
        r"lista de (?:los |mis )?(?:estudiantes|alumnos))\b(?!" + _HIDDEN + r")",
        ("content.student_directory_info", True),
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
        r"detention|suspension|suspended|calificaci[oó]n|sent to the (?:principal'?s )?office|"
        r"written up|write-?ups?|referrals?|in-school suspension|expelled|"
        r"attendance(?! (?:office|clerk|secretary|"
        r"staff|desk|"
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
    # an essay is the student's work where it is a thing written, sent or shown ("her son's
    # essay", "emailed me her essay", "post a funny essay a kid wrote"), not where it is the
    # topic of help or a reminder ("help with her college essay", "about their essays", "the
    # essay deadline"): school business, not the work itself
    _cue(
        r"\b(?:artwork|student work|projects? (?:a|the) (?:kid|student))\b"
        r"|(?:\b[\w-]+'s?'?|\b(?:sent|emailed|e-mailed|texted|gave|handed|turned in|submitted|"
        r"shared|showed|share|post|email|e-mail|text|send|forward|print|publish|display|upload|"
        r"read|grade|picture of|photo of|screenshot of|copy of|scan of)(?: me| you| us)?"
        r"(?: (?:a|an|the|her|his|their|this|that|my|your|one|some|funny|great|good|best|"
        r"student|kid))*) (?:college |personal |research |persuasive )?essays?\b"
        r"(?! (?:deadlines?|prompts?|topics?|questions?|rubrics?|contests?|due)\b)"
        r"|\b(?:student|kid|alumno|estudiante)s?'? essays?\b"
        r"|\bessays? (?:that |which )?(?:(?:were )?(?:written )?(?:by|from) )?(?:an?|the|one of my|"
        r"my|our|his|her) (?:\w+ )?(?:kid|student|class|senior|junior|freshm[ae]n|sophomore)s?"
        r"(?: wrote)?\b|\b"
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
        r"\b(?:inappropriate|inapropiad[oa]s?|obscen[oa]s?|obscene|lewd|racist|racial slurs?|"
        r"slurs?|homophobic|racistas?)\b"
        r"(?! (?:to|for|para)\b)",
        ("content.inappropriate", True),
    ),
    _cue(
        r"(?<!anti-)(?<!anti )\b(?:harass\w*(?! (?:training|polic\w+|prevention))|calling me names|"
        r"bully\w*(?! (?:prevention|awareness|assembly|lesson|unit|training|polic\w+|week|month))"
        r"|(?:rude|hateful|ugly|awful|cruel|nasty) (?:comments?|messages?|posts?|texts?|e-?mails?) "
        r"(?:about|to) me|(?:trolling|cyberbullying) me"
        r"|mean (?:video|post|comment|message|"
        r"meme|things)s?(?: about me)?|making fun of me|se burla\w*)\b",
        ("content.harassing", True),
        negatable=False,
    ),
    _cue(
        r"\b(?:abuse|abused|neglect|bruises|(?:doesn'?t|does not|don'?t|do not) feel safe at home|"
        r"(?:not|isn'?t) safe at home|(?:afraid"
        r"|scared) to go home|no se siente segur[oa] en (?:su )?"
        r"casa|(?:hits|beats|hurts) (?:her|him|me)|(?:uncle|dad|"
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
        r"(?:school|district)|(?<!is on )(?<!also on )(?<!sits on )(?<!serves on )"
        r"(?<!was on )(?<!are on )"
        r"(?<!member of )(?<!elected to )the school board(?! members?\b)|"
        r"board'?s? (?:vote|decision|meeting))\b",
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
        r"friday night'?s? game|the game|(?:the |our |spring |fall |winter |school )musical|"
        r"(?:soccer|volleyball|baseball|softball|hockey|lacrosse|varsity|jv|homecoming|home|"
        r"playoff|championship|state) (?:game|match)|(?:track|swim|cross country|wrestling) meet|"
        r"tournament|partido|concierto)\b",
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
        r"(?<!church's )\b(?:church|youth group|temple|mosque|synagogue|parish|iglesia)\b(?!'s)",
        ("actor.relationship", "religious"),
        negatable=False,
    ),
    _cue(
        r"\b(?:we'?re neighbou?rs|my neighbou?r|friends before|club team|travel team|scouts|"
        r"travel (?:ball|softball|baseball|soccer|volleyball|basketball|league)|club (?:volleyball|"
        r"soccer|basketball|softball)|aau)\b",
        ("actor.relationship", "community"),
        negatable=False,
    ),
)
