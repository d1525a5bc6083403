"""Write data/sample/opeunlike_sample.json: the project's illustrative v1.1 archive.

Every post below was WRITTEN BY THE PROJECT for demonstration; none was collected
from Twitter. Run ``python data/sample/make_sample.py`` to regenerate the file
byte for byte (seeded). Lines are Twitter API v1.1 JSON, one per line, with
non-ASCII text escaped as ``\\uXXXX`` exactly like the streaming API writes it.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

OUT = Path(__file__).with_name("opeunlike_sample.json")
SEED = 2016

FR = [
    "J'ai retiré mon like de la page, on ne lâche rien",
    "Bloquer Skype et WhatsApp en 2016, c'est vraiment honteux",
    "Les opérateurs ont peur de la concurrence, voilà tout",
    "Unlike fait, à vous maintenant !",
    "L'ANRT doit s'expliquer sur ce blocage de la VoIP",
    "Mes parents à l'étranger ne peuvent plus m'appeler sur WhatsApp",
    "Je trouve la campagne un peu exagérée mais je comprends la colère",
    "Bravo aux jeunes qui ont lancé ce mouvement, c'est pacifique et efficace",
    "Les chiffres baissent en direct sur la page, impressionnant",
    "Rien ne changera, ils s'en moquent de nos likes",
    "Payer l'internet et ne pas pouvoir l'utiliser, quelle blague",
    "Communiqué de l'ANRT publié ce soir, à lire",
    "Le boycott continue ce week-end, partagez",
    "Appel à tous : retirez vos mentions j'aime des trois opérateurs",
    "Merci pour l'info, je viens de le faire",
    "C'est une belle leçon de citoyenneté numérique",
    "Les appels Viber ne passent plus en 4G depuis janvier",
    "On veut juste pouvoir appeler nos familles gratuitement",
    "Inwi, Méditel et Maroc Telecom perdent des milliers de fans par heure",
    "Je reste client mais je soutiens la campagne",
    "Article intéressant sur les pertes de likes des opérateurs",
    "La neutralité du net, ça vous dit quelque chose ?",
    "Honte à ceux qui ont décidé ce blocage",
    "Super ambiance sur les réseaux aujourd'hui, tout le monde s'y met",
    "Je ne vois pas l'intérêt, un like ne change rien",
]
ARY = [  # Moroccan Darija in Arabic script
    "حيدت الجيم من الصفحة ديالهم، ما بقاش عندي ثقة فيهم",
    "واش معقول نخلصو الانترنت و ما نقدروش نعيطو فالواتساب",
    "الله يعطيكم الصحة على هاد الحملة، زوينة بزاف",
    "راه الشركات خايفين على الفلوس ديالهم و صافي",
    "خويا فالغربة ما بقاش كيقدر يعيط عليا",
    "حتى أنا درت انلايك، يلاه معانا",
    "هادشي حشومة، فين كاين الحق ديال المستهلك",
    "ما غاديش نبدل الشركة ولكن كنساند الحملة",
    "شوفو الأرقام كيطيحو مباشرة، واعر",
    "هاد المقاطعة غادي تبين ليهم شكون حنا",
    "بصح ما فهمتش علاش سدو السكايب",
    "الناس ديال الاتصالات خاصهم يحشمو شوية",
    "مزيان هاد الشي، كملو",
    "الجيمات ما كيبدلو والو، خاص شي حاجة كبر",
    "شكرا على المعلومة، دابا درتها",
    "الحملة ناجحة و سلمية، هادشي اللي بغينا",
    "والله ما بقيت فاهم والو فهاد البلاد",
    "واخا يحيدو الجيمات ما غاديش يتبدل شي حاجة",
]
ARY_LATN = [  # Darija in Latin script (Arabizi)
    "7ayadt l'like men la page dyalhom, safi",
    "wach ma39oul nkhalsso l internet o ma n9drouch n3ayto f whatsapp",
    "lah y3tikom se7a 3la had l7amla, zwina bzaf",
    "rah khayfin 3la flous dyalhom o safi",
    "khouya f lghorba ma b9ach kay9der y3ayet 3liya",
    "7ta ana dert unlike, yallah m3ana",
    "had chi 7chouma, fin l7a9 dyal l mosstahlik",
    "chofo l ar9am kay ti7o direct, wa3er",
    "had l mo9ata3a ghadi tbayen lihom chkoun 7na",
    "ma fhamtch 3lach sddo skype",
    "mzyan had chi, kmmlo",
    "l likes ma kaybdlo walou, khass chi 7aja kbira",
]
AR = [  # Modern Standard Arabic
    "سحبت إعجابي من صفحة الشركة احتجاجا على حجب المكالمات",
    "حجب خدمات الاتصال عبر الإنترنت قرار غير مقبول",
    "نطالب الوكالة الوطنية لتقنين المواصلات بالتراجع عن القرار",
    "حملة سلمية ومنظمة تستحق الدعم",
    "خسرت الشركات آلاف المعجبين في ساعات قليلة",
    "من حق المواطن أن يتواصل مع أسرته بحرية",
    "لا أرى فائدة من هذه الحملة، فالإعجابات لا تغير شيئا",
    "بيان الوكالة صدر مساء اليوم ويستحق القراءة",
    "المقاطعة مستمرة حتى رفع الحجب",
    "شكرا لكل من شارك في هذه المبادرة",
    "قرار الحجب يضر بالطلبة والعائلات والمقاولات الصغيرة",
    "نتمنى أن تستجيب الشركات لمطالب المستخدمين",
]
EN = [
    "Moroccans are unliking their telecom operators' Facebook pages over the VoIP ban",
    "Interesting digital protest in Morocco against the Skype and WhatsApp block",
]
OFF_TOPIC = [
    "Bon match ce soir, allez le Raja !",
    "الجو زوين اليوم فكازا",
    "Quelqu'un connaît un bon café à Rabat ?",
    "lyoum jat chta bzaf f tanja",
    "Nouveau téléphone reçu, très content",
    "Happy Friday everyone",
    "Je prépare mes examens, souhaitez-moi bonne chance",
    "شهية طيبة للجميع",
    "Look at this: #OpeUnlikeable is not our hashtag at all",
]
# Hashtags come in three themes, so that the co-occurrence ranking of notebook 02 has
# structure to find. This structure is planted by this generator, not observed.
THEMES = {
    "campaign": (["OpeUnlike", "OPEUNLIKE", "opeunlike", "Ope_Unlike", "OpeUnliiike"],
                 ["MarocTelecom", "Inwi", "Meditel", "IAM", "UnlikeIAM"],
                 ["حملة_سحب_الإعجاب", "اتصالات_المغرب", "انوي", "ميديتل", "سحب_الإعجاب"]),
    "block": (["VoIP", "ANRT", "VoIPMaroc"], ["VoIPDown", "VoIP"],
              ["لا_لحجب_المكالمات", "حجب_المكالمات", "الوكالة_الوطنية_لتقنين_المواصلات"]),
    "boycott": (["BoycottIAM", "mo9ata3a", "BoycottInwi"], ["BoycottMeditel", "mqat3a"],
                ["مقاطعة_اتصالات_المغرب", "مقاطعة", "مقاطعـــة", "مقاطعه"]),
}
EMOJI = ["", "", "", " 👎", " 💪", " 😡", " 👏", " 📉", " 🇲🇦", " 😂"]
DOMAINS = ["https://example.org/voip-maroc", "https://example.net/article/unlike",
           "https://example.com/anrt-communique"]
START = datetime(2016, 2, 26, 18, 0, tzinfo=timezone.utc)


def twitter_time(t: datetime) -> str:
    return t.strftime("%a %b %d %H:%M:%S +0000 %Y")


def entities(text: str, tags: list[str], mentions: list[tuple[str, str]], urls: list[str]) -> dict:
    def at(token: str) -> list[int]:
        i = text.find(token)
        return [i, i + len(token)]
    return {
        "hashtags": [{"text": t, "indices": at("#" + t)} for t in tags],
        "urls": [{"url": "https://t.co/x%d" % k, "expanded_url": u, "display_url": u[8:30],
                  "indices": at(u)} for k, u in enumerate(urls)],
        "user_mentions": [{"screen_name": s, "id_str": i, "id": int(i), "name": s,
                           "indices": at("@" + s)} for s, i in mentions],
        "symbols": [],
    }


def user(rng: random.Random, n: int) -> dict:
    uid = 700000000 + n
    return {"id": uid, "id_str": str(uid), "screen_name": f"demo_user_{n:03d}",
            "name": f"Demo User {n}", "lang": rng.choice(["fr", "ar", "en"]),
            "followers_count": rng.randint(5, 4000), "location": "Maroc (demo)"}


def tweet(rng, tid, when, text, tags, mentions, urls, author, lang, extra=None) -> dict:
    body = {"created_at": twitter_time(when), "id": tid, "id_str": str(tid), "text": text,
            "source": "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
            "truncated": False, "in_reply_to_status_id": None, "in_reply_to_status_id_str": None,
            "user": author, "entities": entities(text, tags, mentions, urls),
            "retweet_count": rng.randint(0, 40), "favorite_count": rng.randint(0, 80),
            "lang": lang, "timestamp_ms": str(int(when.timestamp() * 1000))}
    if len(text) > 140:  # what the API does with long posts: cut text, full text aside
        body["truncated"] = True
        body["text"] = text[:139] + "…"
        body["extended_tweet"] = {"full_text": text, "entities": body["entities"]}
        body["entities"] = entities(body["text"], [t for t in tags if "#" + t in body["text"]],
                                    [], [])
    body.update(extra or {})
    return body


def compose(rng: random.Random, sentence: str, lang: str) -> tuple[str, list[str], list, list]:
    theme = rng.choices(list(THEMES), weights=[5, 3, 3])[0]
    main, companions, arabic = THEMES[theme]
    tags = [rng.choice(main)]
    extra = arabic if lang in ("ar", "ary") else companions
    tags += rng.sample(extra, rng.choice([0, 1, 1, 2]))
    if theme != "campaign" and rng.random() < 0.15:
        tags.append("OpeUnlike")  # the campaign tag sometimes rides along
    tags = list(dict.fromkeys(tags))
    mentions = []
    if rng.random() < 0.25:
        n = rng.randint(1, 60)
        mentions = [(f"demo_user_{n:03d}", str(700000000 + n))]
    urls = [rng.choice(DOMAINS)] if rng.random() < 0.2 else []
    parts = [sentence + rng.choice(EMOJI)]
    parts += ["#" + t for t in tags] + ["@" + s for s, _ in mentions] + urls
    if rng.random() < 0.15:
        parts.insert(0, " ".join(["#" + t for t in tags]))  # long post: tags twice
        parts.append(sentence)
    return " ".join(parts), tags, mentions, urls


def build() -> list[str]:
    rng = random.Random(SEED)
    users = [user(rng, n) for n in range(1, 121)]
    lines: list[str] = []
    originals: list[dict] = []
    tid = 704000000000000000
    pool = [(s, "fr") for s in FR] * 4 + [(s, "ary") for s in ARY] * 4 + \
           [(s, "ary_latn") for s in ARY_LATN] * 4 + [(s, "ar") for s in AR] * 4 + \
           [(s, "en") for s in EN] * 3
    rng.shuffle(pool)
    declared = {"fr": "fr", "ary": "ar", "ary_latn": "fr", "ar": "ar", "en": "en"}
    when = START
    for i, (sentence, lang) in enumerate(pool[:255]):
        when += timedelta(minutes=rng.randint(1, 90))
        tid += rng.randint(1000, 90000)
        text, tags, mentions, urls = compose(rng, sentence, lang)
        extra = None
        if originals and rng.random() < 0.08:  # a reply
            parent = rng.choice(originals)
            extra = {"in_reply_to_status_id": parent["id"],
                     "in_reply_to_status_id_str": parent["id_str"]}
        t = tweet(rng, tid, when, text, tags, mentions, urls, rng.choice(users),
                  declared[lang], extra)
        originals.append(t)
        lines.append(json.dumps(t, separators=(",", ":")))
        if rng.random() < 0.12:  # a retweet of something already posted
            orig = rng.choice(originals)
            tid += 7
            rt_text = f"RT @{orig['user']['screen_name']}: " + (
                orig.get("extended_tweet", {}).get("full_text") or orig["text"])
            rt = tweet(rng, tid, when + timedelta(seconds=30), rt_text[:140],
                       [h["text"] for h in orig["entities"]["hashtags"]],
                       [(orig["user"]["screen_name"], orig["user"]["id_str"])], [],
                       rng.choice(users), orig["lang"], {"retweeted_status": orig})
            lines.append(json.dumps(rt, separators=(",", ":")))
        if rng.random() < 0.04:  # a quote tweet
            orig = rng.choice(originals)
            tid += 11
            q = tweet(rng, tid, when + timedelta(seconds=50), "Exactement. #OpeUnlike",
                      ["OpeUnlike"], [], [], rng.choice(users), "fr",
                      {"quoted_status": orig, "quoted_status_id_str": orig["id_str"]})
            lines.append(json.dumps(q, separators=(",", ":")))
        if rng.random() < 0.05:
            lines.append(json.dumps({"delete": {"status": {"id": tid - 5, "id_str": str(tid - 5),
                                     "user_id": 1, "user_id_str": "1"},
                                     "timestamp_ms": str(int(when.timestamp() * 1000))}}))
        if rng.random() < 0.02:
            lines.append(json.dumps({"limit": {"track": rng.randint(1, 50),
                                               "timestamp_ms": str(int(when.timestamp() * 1000))}}))
    for sentence in OFF_TOPIC:
        when += timedelta(minutes=rng.randint(1, 90))
        tid += rng.randint(1000, 90000)
        tags = ["OpeUnlikeable"] if "#OpeUnlikeable" in sentence else []
        lines.append(json.dumps(tweet(rng, tid, when, sentence, tags, [], [], rng.choice(users),
                                      "fr"), separators=(",", ":")))
    # the same tweet twice (archives overlap) and four malformed lines
    lines.append(lines[10])
    lines.insert(40, '{"created_at":"Sat Feb 27 10:00:00 +0000 2016","id":1,"text":"#OpeUnlike cut off')
    lines.insert(90, 'this line is not JSON #OpeUnlike')
    lines.insert(150, json.dumps({"id_str": "99", "text": "#OpeUnlike without a date"}))
    lines.insert(200, json.dumps({"created_at": "yesterday", "id_str": "98", "text": "#OpeUnlike",
                                  "user": {"id_str": "5"}, "entities": {"hashtags": [
                                      {"text": "OpeUnlike"}]}}))
    return lines


if __name__ == "__main__":
    lines = build()
    OUT.write_text("\n".join(lines) + "\n", encoding="ascii")
    print(f"wrote {len(lines)} lines to {OUT}")
