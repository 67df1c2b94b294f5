"""More words for the May I? reader's actions (thirteenth round), read after each action's own
cues of :mod:`lanyard.mayi.cues`: the words of the policies and of askers those cues did not
know, and what is asked in words that name no act. :data:`_ACTIONS` is every action cue, in the
order :mod:`lanyard.mayi.clauses` reads them. Pure."""

from __future__ import annotations

from lanyard.mayi.cues import _OWN_CUES, _Cue, _cue

# More words for the same acts (thirteenth round), each read right after its action's own
# cues: the words of the policies and of askers the earlier cues did not know ("my
# username", "a Chrome extension", "the firewall", "a news crew", "take orders for",
# "subscribe to", "its own handle").
_MORE_CUES: dict[str, _Cue] = {
    "share_credentials": _cue(
        r"\b(?:give|share|tell|hand|lend|send|text|e-?mail|write|leave|post|pass|pasar(?:le)?|"
        r"dar(?:le)?|compartir)\b[\w\s'’]{0,40}?\b(?:(?:my|mi) (?:\w+ )?(?:username|user ?name|"
        r"user ?id|sign-?in|log-?in info|login info|account info|usuario|clave)s?|"
        r"(?:username|usuario) (?:and|y|&) (?:password|clave|contraseña))\b"
        r"|\blet (?:my |the |a |our |her |his )?(?:[\w-]+ ){1,3}(?:enter|do|take|post|grade|"
        r"update|send|check) (?:\w+ ){0,3}(?:from|on|under|with|using|through|in) (?:my|mi) "
        r"(?:\w+ )?(?:account|login|cuenta|gradebook|canvas|powerschool)\b",
        ("action", "share_credentials"),
        negatable=False,
    ),
    "disable_filter": _cue(
        r"\b(?:firewall (?:blocks?|is blocking|blocked|won'?t let)|"
        r"(?:around|past|bypass) the firewall|"
        r"lift the block|blocked (?:web ?)?(?:sites?|pages?|videos?|content)|"
        r"(?:web|content|internet) ?filter(?:ing)?|blocks? (?:a |the |this |that |some |every )?"
        r"(?:[\w-]+ ){0,3}(?:sites?|websites?|pages?|videos?)|quit(?:ar|en) el filtro|"
        r"sitios? bloqueados?)\b",
        ("action", "disable_filter"),
        negatable=False,
    ),
    "receive": _cue(
        r"\b(?:shoot up|bring a gun|bomb (?:the|our) school|kill (?:everyone|us|people|them all))\b"
        r"[\w\s,'’.¿?!:]{0,80}?\b(?:what (?:do|should) i do|what now|who do i|should i report|"
        r"do i (?:have to|need to) report|qué hago|que hago)\b"
        r"|\b(?:rude|hateful|nasty|cruel|threatening|harassing) (?:comments?|messages?|posts?|"
        r"texts?|e-?mails?) (?:about|to) me\b[^?]{0,80}\b(?:what can i do|what (?:do|should) i do|"
        r"what are my options|can i block|should i block|who do i tell)\b"
        r"|\b(?:me lleg[óo]|recib[íi]|got|received)\b[\w\s]{0,40}\b(?:pidiendo|asking for) "
        r"(?:mi|my) (?:\w+ )?(?:contraseña|clave|password|login|usuario)\b",
        ("action", "receive"),
        negatable=False,
    ),
    "create_account": _cue(
        r"\b(?:start|launch|create|make|begin|set up|crear|empezar)\b (?:a |an |our |my |un |una )?"
        r"(?:class |classroom |school |team |club |student |new )?(?:podcast|discord server|"
        r"twitter handle|handle|blog|vlog)\b"
        r"|\b(?:get|give|set up|make)\b (?:\w+ ){0,3}(?:its|their|our|a) own (?:[\w-]+ )?"
        r"(?:handle|account|page|channel|website|site|instagram|twitter|tiktok|facebook)\b",
        ("action", "create_account"),
        negatable=False,
    ),
    "friend_or_follow": _cue(
        r"\b(?:(?:be|become|stay) (?:facebook |fb |instagram |insta |snapchat |snap |tiktok |"
        r"linkedin )?friends with|subscribe to|follow each other|(?:be|become) mutuals|"
        r"(?:respond|reply|answer) to (?:a |an |the |her |his |their |this |that )?(?:[\w-]+'s? )?"
        r"(?:friend|follow|connection) requests?)\b",
        ("action", "friend_or_follow"),
        negatable=False,
    ),
    "post": _cue(
        r"\b(?:throw|put up|stick)\b (?:up )?(?:a |an |some |the )?(?:[\w-]+ )?(?:pics?|photos?|"
        r"pictures?|videos?|selfies?)\b"
        r"|\b(?:give|giving) (?:\w+ ){1,3}(?:a )?shout-?outs? (?:on|in)\b"
        r"|\btag(?:ging)? (?:\w+ ){0,3}in (?:\w+ ){0,3}(?:posts?|photos?|pictures?|pics|videos?|"
        r"stories)\b"
        r"|\b(?:put|putting|share|sharing|add|adding|post|posting)\b [\w\s'’]{0,40}\b(?:on|to|in) "
        r"(?:my|our|the|a) (?:own |personal )?(?:class "
        r"|school |team )?(?:instagram|insta|ig|facebook|"
        r"fb|tiktok|twitter|snapchat|snap) (?:story|stories|page|feed|close friends)\b"
        r"|\bsharing (?:\w+ ){0,2}(?:pics?|photos?|pictures?|videos?) of\b"
        r"|\b(?:run|running|do|doing|manage|managing|handle|keep|keeping) (?:the )?"
        r"(?:school|class|team|district|club|band"
        r"|athletics)(?:'s)? (?:twitter|x|instagram|insta|ig|"
        r"facebook|fb|tiktok|page|account)\b(?! (?:password|login|log-in)s?\b)"
        r"|\b(?:add|put|include|feature|print)\b (?:[\w'-]+ ){1,6}(?:to|in|on|into) "
        r"(?:the |my |our |"
        r"a )?(?:school |class |classroom |district |weekly |monthly |team )?(?:newsletter|"
        r"story|feed|yearbook page)\b",
        ("action", "post"),
        negatable=False,
    ),
    "commercial_use": _cue(
        r"\b(?:for (?:pay|money|cash|a fee|profit)|take orders|taking orders|orders for my|"
        r"(?:charge|charging|cobrar(?:le|les)?) (?:\w+ ){0,3}(?:for|por)|"
        r"flyers? (?:for|about|advertising) my (?:[\w-]+ ){0,2}(?:business|services?|company|shop|"
        r"store|studio|classes|lessons|sessions|salon|bakery)|promote my|promoting my|(?:my|mis) "
        r"(?:[\w-]+ ){0,2}(?:services|servicios|mini sessions|listings|clients|customers|clientes)|"
        r"pampered chef|lularoe|norwex|young living|rodan|thirty-one|cutco|paparazzi|"
        r"color street|arbonne|beachbody|amway|primerica|my (?:\w+ )?(?:side gig|gig)s?|"
        r"realtor|real estate|ofrecer mis|vender mis)\b",
        ("action", "commercial_use"),
        negatable=False,
    ),
    "media_contact": _cue(
        r"\b(?:(?:news|tv|camera|film|television) crew|(?:a|the) magazine (?=wants|asked|called|"
        r"emailed|reached|is doing|is writing)|(?:by|for|to|in|with) (?:a|the) magazine|magazine "
        r"(?:interview|article|writer|reporter|editor)|radio (?:show|station|program|"
        r"interview|host)|on (?:the )?(?:radio|air|camera|the news|tv|television)|"
        r"(?:tv|television|news) (?:segment|story|cameras?)|(?:be|get|being|getting) "
        r"(?:interviewed|quoted)|go on camera|(?:a |the )?(?:writer|editor|columnist|"
        r"correspondent|producer) (?:from|for|at) (?:the |a )?[a-z]\w+)\b",
        ("action", "media_contact"),
        negatable=False,
    ),
    "install_software": _cue(
        r"\b(?:add|get|put|load|install)\b (?:a |an |the |this |that )?(?:[\w-]+ ){0,2}"
        r"(?:extensions?|add-?ons?|plug-?ins?|programs?|software)\b"
        r"|\b(?:get|put|load)\b "
        r"(?!(?:it|them|this|that|the (?:video|photo|picture|slides?|file)s?)\b)"
        r"[\w-]+ (?:on|onto) (?:the|my|a|our) (?:[\w-]+ ){0,2}"
        r"(?:computers?|laptops?|chromebooks?|ipads?|tablets?|pcs?|desktops?|macs?)\b",
        ("action", "install_software"),
        negatable=False,
    ),
    "personal_use": _cue(
        r"\b(?:make|making|take|taking) (?:a )?personal (?:phone )?calls?\b"
        r"|\b(?:plan|planning) my (?:vacation|wedding|trip|honeymoon)\b"
        r"|\b(?:listen|listening) to (?:music|podcasts?|audiobooks?|spotify|the radio)\b"
        r"|\b(?:look|looking|browse|browsing) (?:at|on) pinterest\b"
        r"|\b(?:comprar|compras?) (?:\w+ )?en l[íi]nea\b|\bbook (?:my |a )?(?:flights?|hotel)\b",
        ("action", "personal_use"),
        negatable=False,
    ),
}


# What is asked in a word that names no act, around what the words show ("a kid's dad wants
# my cell number. Can I give it to him?", "join the parents' GroupMe", "Am I obligated to
# answer tonight?", "sigan a sus alumnos"): read after each action's own cues like the above.
_AROUND_CUES: dict[str, _Cue] = {
    "share_credentials": _cue(
        r"\b(?:passwords?|logins?|log-ins?)\b[^?]{0,80}\b(?:(?:use"
        r"|borrow) mine|log (?:her|him|them) "
        r"in with mine|sign (?:her|him|them) in with mine)\b"
        r"|\b(?:borrow|use) my (?:id |staff )?(?:badge|key ?card|login|log-in)\b"
        r"|\b(?:doy|le doy|di|dio|dió|pasé|paso)\b[\w\s]{0,30}?\b(?:contraseña|clave|usuario)\b"
        r"|\b(?:mi|my|el|la|our|the) [\w-]+ (?:puede|can|could|may) (?:usar|use) (?:mi|my) "
        r"(?:\w+ ){0,2}(?:usuario|cuenta|login|account|contraseña|password)\b"
        r"|\b(?:write|jot|leave|keep|tape)\b (?:down )?(?:my|mi|our) (?:\w+ )?(?:passwords?|"
        r"logins?|contraseñas?)\b",
        ("action", "share_credentials"),
        negatable=False,
    ),
    "receive": _cue(
        r"\b(?:(?:sent|texted|emailed|posted|showed|dm'?d|snapped) me (?:a |an )?(?:picture|photo|"
        r"pic|video|screenshot) of (?:a |his |her )?(?:gun|knife|weapon)|bomb threat|"
        r"(?:there'?ll|there will|there'?s going to) be a shooting|about wanting to die|"
        r"wants? to die|(?:doesn'?t|does not"
        r"|don'?t) feel safe at home|(?:afraid|scared) to go home|"
        r"no se siente segur[oa] en (?:su )?casa|"
        r"(?:su|her|his) (?:papá|padre|mamá|madre|tío|padrastro|dad|mom|uncle|"
        r"stepdad|stepfather|boyfriend) (?:le pega|le hace daño|la toca|lo toca|le golpea|hits "
        r"(?:her|him)|hurts (?:her|him)|touches (?:her|him)))\b"
        r"|\b(?:clicked (?:it|the link|on (?:it|the link))"
        r"|verify my (?:login|password|account) on)\b"
        r"[^?]{0,80}\b(?:what (?:do|should) i do|what now|now what|real or fake|what are my|"
        r"did i get hacked)\b",
        ("action", "receive"),
        negatable=False,
    ),
    "respond_to_contact": _cue(
        r"\b(?:(?:obligated|required|expected|supposed|have|need) to (?:answer|respond|reply|pick "
        r"up|call (?:her|him|them) back|write back)|write (?:her|him|them) back|(?:can|should|do) "
        r"i say yes|return (?:it|them)(?= (?:from|on|tonight|now|today|tomorrow|later|\?)|\?))",
        ("action", "respond_to_contact"),
        negatable=False,
    ),
    "create_account": _cue(
        r"\b(?:start|create|set up|make|made|build|built|started|created|launch)\b (?:a |an |our |"
        r"my |the )?(?:new )?(?:google classroom|remind(?: class| group)?|class ?dojo(?: class)?|"
        r"(?:[\w-]+ )?(?:website|web ?site|web ?page|blog|youtube channel|channel|facebook (?:page|"
        r"group)|instagram account)|"
        r"(?:class|classroom|team|club) (?:website|site|page|blog))\b",
        ("action", "create_account"),
        negatable=False,
    ),
    "friend_or_follow": _cue(
        r"\b(?:follow (?:their|his|her|your) (?!lead\b|example\b|advice\b|rules?\b|"
        r"instructions\b|directions\b|steps\b|plan\b)|unfollow|"
        r"(?:are|we'?re|be|being|stay|become) friends (?:on|w/) (?:facebook|fb|instagram|insta|"
        r"snapchat|snap|tiktok|linkedin)?|friends w/|"
        r"connect with (?:the |my |our |other )?(?:teachers|colleagues|coworkers|co-workers|staff|"
        r"families|advisees|alumni|graduates|grads)|"
        r"add (?:my |our |the |a |an )?(?:[\w-]+ ){0,2}(?:[\w-]+(?:'s|s') )?(?:advisees|athletes|"
        r"seniors|juniors|graduates|grads|alumni|families|coworkers|colleagues|mom|dad|parent) "
        r"(?:on|in) (?:facebook|fb|instagram|insta|snapchat|snap|tiktok|linkedin)|"
        r"accept (?:(?:a|an|the|her|his|their|my|this|that) )?(?:[\w-]+ ){0,2}(?:[\w-]+'s )?"
        r"(?:friend |follow |linkedin |connection )?requests?|"
        r"sig(?:a|an|o|ue|uen|an|amos) a (?:sus|mis|los|las|nuestros|l[oa]s?) |seguir a|"
        r"agreg(?:ue|uen|o|a|an|ó|é|arl[oa]s?|arle|arles) (?:a |al |a la )?(?:sus |mis |los |las |"
        r"un |una |l[oa]s? )?(?:[\w-]+ )?(?:en|por) (?:facebook|fb|instagram|insta|snapchat|snap|"
        r"tiktok|whatsapp)|(?:added|adding|keep adding|keeps adding) me (?:on|in|as a friend)\b)",
        ("action", "friend_or_follow"),
        negatable=False,
    ),
    "install_software": _cue(
        r"\b(?:download|descargar|bajar)\b (?:a |an |the |this |that |some )?(?:[\w-]+ ){0,2}"
        r"(?:extensions?|add-?ons?|plug-?ins?|programs?|software|programas?)\b"
        r"|\b(?:get|put|load)\b (?:a |an |the )?"
        r"(?!(?:it|them|this|that|my|our|his|her|their)\b)"
        r"(?:(?!(?:videos?|photos?|pictures?|slides?|files?|movies?|pdfs?|worksheets?|"
        r"assignments?|lessons?|grades|stuff|songs?|music)\b)[\w-]+ ){1,2}(?:on|onto) (?:the|my|a|"
        r"our) (?:[\w-]+ ){0,2}(?:computers?|laptops?|chromebooks?|ipads?|tablets?|pcs?|"
        r"desktops?|macs?)\b"
        r"|\b(?:bajar|descargar|instalar)\b (?:\w+ ){1,2}en (?:la|mi|el|las|los) (?:computadoras?|"
        r"laptops?|compu|tabletas?|ipads?|chromebooks?)\b",
        ("action", "install_software"),
        negatable=False,
    ),
    "personal_use": _cue(
        r"\b(?:print|printing|imprimir)\b (?:my|mis|mi) (?:own |kid'?s |son'?s |daughter'?s )?"
        r"(?:[\w-]+ ){0,2}(?:invit(?:es|ations?)|invitaciones|tickets|boarding pass\w*|taxes|"
        r"tax forms|recipes?|photos|pictures)\b"
        r"|\b(?:order|ordering|buy|buying) (?:stuff|things|something|clothes|shoes|gifts?)"
        r" (?:on|from) (?:amazon|target|etsy|ebay|online)\b"
        r"|\b(?:read|check|checking|reading) my (?:personal )?(?:hotmail|outlook|aol|icloud)\b"
        r"|\b(?:be|being|get|getting) on (?:my|their|his|her|our) (?:phones?|cells?)\b"
        r"|\b(?:watch|watching|ver) (?:a |some |unos "
        r"|un )?(?:[\w-]+ ){0,2}(?:videos?|movies?|shows?|"
        r"pel[íi]culas|series)\b(?![^.?!]*\bwith (?:my|the|our) (?:class|students|kids)\b)"
        r"[^.?!]{0,30}\b(?:on|en) (?:the|my|a|la|mi) (?:[\w-]+ ){0,2}(?:computer|laptop|chromebook|"
        r"ipad|computadora|compu|tablet|smartboard)\b"
        r"|\bapply (?:for|to) (?:a )?(?:job|position)s?\b"
        r"|\b(?:grad school|online|master'?s|graduate|doctoral) (?:class|course|program|coursework|"
        r"homework)\b",
        ("action", "personal_use"),
        negatable=False,
    ),
    "message": _cue(
        r"\b(?:ping|pinging|imessage|facetim(?:e|ing|ed)|gchat|g-chat|voicemail|contacting|"
        r"(?:wants?|asked (?:me )?for|asks (?:me )?for|asking (?:me )?for|pidió|pide|quiere) "
        r"(?:my|mi) (?:personal |own |cell |home )?(?:cell(?: phone)?|phone|number|n[uú]mero|"
        r"celular|snap(?:chat)?|insta(?:gram)?|e-?mail|gmail)(?: number)?|"
        r"(?:dar|darle|darles|give|giving) (?:mi|my) (?:n[uú]mero|numero|cel(?:ular)?)|"
        r"(?:join|make|start|create|set up|be in|be on|add me to)\b (?:a |an |the |their |our |my |"
        r"this )?(?:[\w'-]+ ){0,2}(?:groupme|group chat|team chat|discord server|signal group|"
        r"whatsapp group|group text|chat group)|"
        r"(?:teams|slack|google|zoom) chat|(?:have|having|use) (?:snapchat|snap|whatsapp|groupme|"
        r"discord|signal|telegram) with|"
        r"(?:meet|meeting|conference|call)s? (?:\w+ ){0,3}(?:over|on|via|by|through) (?:zoom|"
        r"google meet|facetime|skype)|reach (?:out to )?(?:a "
        r"|the |my |our |one |each )?(?:[\w-]+ )?"
        r"(?:parents?|students?|families|moms?|dads?"
        r"|kids?|players?|guardians?)|reaching (?:a |the |"
        r"my |our )?(?:[\w-]+ )?(?:parents?|students?|families|moms?|dads?|kids?|guardians?)|"
        r"get (?:a ?hold|ahold) of|drop (?:\w+ ){0,2}a line|phone (?:a|the|her|him|them|my|our|"
        r"parents?|students?|families|home)|write (?:a |an )?(?:quick |short )?(?:note|message|"
        r"letter) to"
        r"|shoot (?:\w+ ){0,2}(?:a |an )(?:quick )?"
        r"(?:text|e-?mail|message|note|dm|txt))\b",
        ("action", "message"),
        negatable=False,
    ),
}


def _with_more(cues: tuple[_Cue, ...]) -> tuple[_Cue, ...]:
    """Each action's added cues right after that action's last own cue."""
    last = {c.facts[0][1]: i for i, c in enumerate(cues)}
    out: list[_Cue] = []
    for i, cue in enumerate(cues):
        out.append(cue)
        value = cue.facts[0][1]
        if last[value] == i:
            out.extend(more[value] for more in (_MORE_CUES, _AROUND_CUES) if value in more)
    return tuple(out)


_ACTIONS: tuple[_Cue, ...] = _with_more(_OWN_CUES)
# the actions read over the whole question (what happened before it): the cues of these,
# which come first
WHOLE_QUESTION_ACTIONS = frozenset({"share_credentials", "disable_filter", "receive"})
