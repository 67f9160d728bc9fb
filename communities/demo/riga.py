"""The invented communities of the second demo municipality, Riga (``demo.py``).

The same shapes as ``kekava.py``. Both Riga and Ķekava have a Katlakalns and a community
with the short name ``katlakalna-kopiena``, which each host shows as its own.
"""

from portal.demo import AGENSKALNS_MEMBERS

STAFF = "riga.staff@demo.lv"

COMMUNITIES = [
    {
        "slug": "agenskalna-apkaimes-biedriba",
        "name": "Āgenskalna apkaimes biedrība",
        "neighbourhoods": ["agenskalns"],
        "legal_form": "association",
        "register_number": "40008234567",
        "registered_years_ago": 9,
        "description": (
            "Biedrība rūpējas par Āgenskalna koka apbūvi, rīko kaimiņu dienas un "
            "pagalmu talkas, un apkaimes vārdā sniedz viedokli par ielu pārbūvi."
        ),
        "founding_motives": ["problem", "events", "premises"],
        "contact_name": "Līga Vanaga",
        "contact_email": "liga.vanaga@demo.lv",
        "contact_phone": "+371 20000011",
        "declared_residents": 320,
        "residents_evidence": "Biedru saraksts un kaimiņu dienas dalībnieku reģistrācijas lapas.",
        "leader": "liga.vanaga@demo.lv",
        "members": [
            ("roberts.krumins@demo.lv", "board", "active", 200),
            *(
                (account["email"], "member", "active", 300 - 20 * number)
                for number, account in enumerate(AGENSKALNS_MEMBERS)
            ),
        ],
        "history": [
            ("draft", "liga.vanaga@demo.lv", 400, ""),
            ("submitted", "liga.vanaga@demo.lv", 398, ""),
            ("verified", STAFF, 390, ""),
            ("active", STAFF, 389, ""),
        ],
    },
    {
        "slug": "avotu-kaimini",
        "name": "Avotu kaimiņi",
        "neighbourhoods": ["avoti", "grizinkalns"],
        "legal_form": "informal",
        "description": (
            "Avotu un Grīziņkalna kaimiņi, kas kopā zaļo pagalmus un meklē telpas "
            "apkaimes pulciņiem."
        ),
        "founding_motives": ["premises", "events"],
        "contact_name": "Roberts Krūmiņš",
        "contact_email": "roberts.krumins@demo.lv",
        "contact_phone": "+371 20000012",
        "declared_residents": 60,
        "residents_evidence": "Parakstu saraksts no kaimiņu sapulces.",
        "leader": "roberts.krumins@demo.lv",
        "history": [
            ("draft", "roberts.krumins@demo.lv", 60, ""),
            ("submitted", "roberts.krumins@demo.lv", 58, ""),
            ("verified", STAFF, 45, ""),
        ],
    },
    {
        "slug": "kengaraga-kopiena",
        "name": "Ķengaraga kopiena",
        "neighbourhoods": ["kengarags"],
        "legal_form": "informal",
        "description": "Ķengaraga iedzīvotāji, kas vēlas sakārtot Daugavas krastmalu.",
        "founding_motives": ["problem"],
        "contact_name": "Līga Vanaga",
        "contact_email": "liga.vanaga@demo.lv",
        "declared_residents": 45,
        "residents_evidence": "Iedzīvotāju sapulces protokols.",
        "leader": "liga.vanaga@demo.lv",
        "history": [
            ("draft", "liga.vanaga@demo.lv", 6, ""),
            ("submitted", "liga.vanaga@demo.lv", 4, ""),
        ],
    },
    {
        "slug": "katlakalna-kopiena",
        "name": "Rīgas Katlakalna kopiena",
        "neighbourhoods": ["katlakalns"],
        "legal_form": "informal",
        "description": "Rīgas Katlakalna kaimiņi pie Daugavas: talkas un kopīgi svētki.",
        "founding_motives": ["events", "festivals"],
        "contact_name": "Roberts Krūmiņš",
        "contact_email": "roberts.krumins@demo.lv",
        "declared_residents": 35,
        "residents_evidence": "Biedru saraksts.",
        "leader": "roberts.krumins@demo.lv",
        "history": [
            ("draft", "roberts.krumins@demo.lv", 120, ""),
            ("submitted", "roberts.krumins@demo.lv", 118, ""),
            ("verified", "both.staff@demo.lv", 110, ""),
            ("active", "both.staff@demo.lv", 109, ""),
        ],
    },
]

EVENTS = {
    "agenskalna-apkaimes-biedriba": [
        {
            "title": "Āgenskalna kaimiņu diena",
            "yearly": (9, 6),
            "place": "Āgenskalna tirgus laukums",
            "kind": "tradition",
            "attendance": 240,
            "forms": ["mobilisation", "implementation"],
            "step_free": True,
        },
        {
            "title": "Apkaimes forums par Nometņu ielas pārbūvi",
            "days": -90,
            "place": "Āgenskalna bibliotēka",
            "kind": "forum",
            "attendance": 58,
            "forms": ["needs", "planning"],
            "step_free": True,
        },
    ],
    "avotu-kaimini": [
        {
            "title": "Pagalmu zaļošanas talka",
            "days": -20,
            "place": "Avotu ielas pagalmi",
            "kind": "cooperation",
            "attendance": 31,
            "forms": ["mobilisation", "implementation"],
        },
    ],
    "katlakalna-kopiena": [
        {
            "title": "Krastmalas talka",
            "days": -40,
            "place": "Katlakalna krastmala",
            "kind": "cooperation",
            "attendance": 22,
            "forms": ["implementation"],
        },
    ],
}

OPINIONS = {
    "avotu-kaimini": [
        {
            "title": "Par telpām apkaimes pulciņiem",
            "days": -10,
            "addressee": "Rīgas valstspilsētas pašvaldības Īpašuma departaments",
            "summary": "Kopiena lūdz izvērtēt tukšās telpas Avotu ielā pulciņu vajadzībām.",
        },
    ],
    "katlakalna-kopiena": [
        {
            "title": "Par krastmalas labiekārtošanu",
            "days": -30,
            "addressee": "Rīgas valstspilsētas pašvaldības Mājokļu un vides departaments",
            "summary": "Lūdzam soliņus un atkritumu urnas pie peldvietas.",
        },
    ],
    "agenskalna-apkaimes-biedriba": [
        {
            "title": "Par Nometņu ielas pārbūves projektu",
            "days": -80,
            "addressee": "Rīgas valstspilsētas pašvaldības Satiksmes departaments",
            "summary": (
                "Apkaimes forumā atbalstīta ietvju paplašināšana un koku saglabāšana; "
                "pievienots foruma protokols."
            ),
        },
    ],
}
