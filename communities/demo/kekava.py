"""The invented communities and activity of the demo municipality Ķekava (``demo.py``).

Days are relative to today: negative is in the past. History steps are
``(status, actor email, days ago, reason)``; members are ``(email, role, status, days ago)``.
The people are the demo accounts of ``portal/demo/__init__.py``.
"""

LEADER = "leader@demo.lv"
STAFF = "staff@demo.lv"

COMMUNITIES = [
    {
        "slug": "mezinieku-kopiena",
        "name": "Mežinieku kopiena",
        "neighbourhoods": ["mezinieki"],
        "legal_form": "association",
        "register_number": "40008123456",
        "registered_years_ago": 6,
        "description": (
            "Biedrība apvieno Mežinieku apkaimes, Plakanciema un Mellupu iedzīvotājus. "
            "Kopā esam izvietojuši māju norādes visā apkaimē, rīkojam talkas, Jāņu "
            "ielīgošanu un iedzīvotāju forumus, un pašvaldībai sniedzam apkaimes kopīgo "
            "viedokli par ceļiem, apgaismojumu un veloceliņiem."
        ),
        "founding_motives": ["problem", "events", "festivals"],
        "contact_name": "Edgars Kļaviņš",
        "contact_email": "leader@demo.lv",
        "contact_phone": "+371 20000001",
        "declared_residents": 420,
        "residents_evidence": (
            "Biedru reģistrs un apkaimes kopsapulces dalībnieku saraksts ar parakstiem; "
            "pārstāvības deleģējumu valdei atbalstīja parakstu kampaņā."
        ),
        "leader": LEADER,
        "members": [
            ("anna.liepa@demo.lv", "board", "active", 400),
            ("resident@demo.lv", "member", "active", 200),
            ("martins.kalns@demo.lv", "member", "active", 150),
            ("inese.berza@demo.lv", "member", "pending", 3),
        ],
        "history": [
            ("draft", LEADER, 430, ""),
            ("submitted", LEADER, 428, ""),
            ("verified", STAFF, 420, "Reģistrācijas dati pārbaudīti Uzņēmumu reģistrā."),
            ("active", STAFF, 410, "Kopiena rīko pasākumus un sniedz kopīgus viedokļus."),
        ],
    },
    {
        "slug": "daugmales-kopiena",
        "name": "Daugmales kopiena",
        "neighbourhoods": ["daugmale"],
        "legal_form": "informal",
        "description": (
            "Neformāla Daugmales iedzīvotāju grupa. Vēlamies drošu veloceliņu no Daugmales "
            "uz Ķekavu un sakoptas atpūtas vietas pie Daugavas, rīkojam pilskalna svētkus "
            "un kopīgas sarunas ar pagasta pārvaldi."
        ),
        "founding_motives": ["problem", "events"],
        "contact_name": "Mārtiņš Kalns",
        "contact_email": "martins.kalns@demo.lv",
        "contact_phone": "+371 20000002",
        "declared_residents": 150,
        "residents_evidence": "Iedzīvotāju aptauja, kurā piedalījās 150 mājsaimniecības.",
        "leader": "martins.kalns@demo.lv",
        "members": [("inese.berza@demo.lv", "member", "active", 40)],
        "history": [
            ("draft", "martins.kalns@demo.lv", 70, ""),
            ("submitted", "martins.kalns@demo.lv", 66, ""),
            ("verified", STAFF, 52, ""),
        ],
    },
    {
        "slug": "kazoku-kaimini",
        "name": "Kažoku kaimiņi",
        "neighbourhoods": ["kazoki"],
        "legal_form": "informal",
        "description": (
            "Kažoku ciema kaimiņi pie Misas upes. Kopīgi iekārtojam atpūtas vietu un laivu "
            "nolaišanas vietu pie Misas: darbus veicam talkās, materiālus sedzam ar "
            "ziedojumiem, un vēlamies pieteikties pašvaldības projektu konkursam."
        ),
        "founding_motives": ["problem", "funding"],
        "contact_name": "Inese Bērza",
        "contact_email": "inese.berza@demo.lv",
        "contact_phone": "+371 20000003",
        "declared_residents": 60,
        "residents_evidence": "Kaimiņu sapulces protokols ar 38 dalībnieku parakstiem.",
        "leader": "inese.berza@demo.lv",
        "history": [
            ("draft", "inese.berza@demo.lv", 9, ""),
            ("submitted", "inese.berza@demo.lv", 6, ""),
        ],
    },
    {
        "slug": "baldones-iniciativu-grupa",
        "name": "Baldones iniciatīvu grupa",
        "neighbourhoods": ["baldone"],
        "legal_form": "informal",
        "description": (
            "Baldones iedzīvotāju iniciatīvu grupa: vēlamies rīkot kopīgus pasākumus un "
            "atrast telpas kopienas tikšanās reizēm, piemēram, sadarbībā ar Baldones "
            "mūzikas skolas vecākiem."
        ),
        "founding_motives": ["premises", "events"],
        "contact_name": "Edgars Kļaviņš",
        "contact_email": "leader@demo.lv",
        "declared_residents": 40,
        "leader": LEADER,
        "history": [
            ("draft", LEADER, 30, ""),
            ("submitted", LEADER, 28, ""),
            (
                "returned",
                STAFF,
                21,
                "Lūdzam pievienot apliecinājumu par apvienoto iedzīvotāju skaitu (piemēram, "
                "sapulces dalībnieku sarakstu) un norādīt kontaktpersonas tālruni.",
            ),
        ],
    },
    {
        "slug": "kekavas-centra-kaimini",
        "name": "Ķekavas centra kaimiņi",
        "neighbourhoods": ["kekavas-centrs"],
        "legal_form": "informal",
        "description": (
            "Ideja: apvienot Ķekavas centra daudzdzīvokļu māju iedzīvotājus pagalmu "
            "labiekārtošanai."
        ),
        "founding_motives": ["problem"],
        "leader": LEADER,
        "history": [("draft", LEADER, 3, "")],
    },
    {
        "slug": "katlakalna-kopiena",
        "name": "Katlakalna kopiena",
        "neighbourhoods": ["katlakalns"],
        "legal_form": "informal",
        "description": (
            "Katlakalna iedzīvotāju kopiena, kas rīkoja talkas pie Katlakalna baznīcas un "
            "Ziemassvētku tirdziņus."
        ),
        "founding_motives": ["festivals", "events"],
        "contact_name": "Anna Liepa",
        "contact_email": "anna.liepa@demo.lv",
        "declared_residents": 80,
        "residents_evidence": "Kopsapulces dalībnieku saraksts.",
        "leader": "anna.liepa@demo.lv",
        "history": [
            ("draft", "anna.liepa@demo.lv", 900, ""),
            ("submitted", "anna.liepa@demo.lv", 896, ""),
            ("verified", STAFF, 885, ""),
            ("active", STAFF, 880, ""),
            (
                "inactive",
                STAFF,
                120,
                "Kopiena vairāk nekā gadu nav rīkojusi pasākumus, un kontaktpersona ir "
                "paziņojusi, ka darbība apturēta.",
            ),
        ],
    },
]

# Activity record. ``days`` is relative to today; ``yearly`` is (month, day) of a tradition.
EVENTS = {
    "mezinieku-kopiena": [
        {
            "title": "Mežinieku apkaimes iedzīvotāju forums",
            "days": -250,
            "place": "Ķekavas kultūras nams",
            "kind": "forum",
            "attendance": 64,
            "forms": ["needs", "planning"],
            "description": "Apkaimes vajadzību apkopošana un prioritāšu noteikšana.",
            "step_free": True,
        },
        {
            "title": "Māju norāžu izvietošanas talka",
            "days": -180,
            "place": "Mežinieku apkaime",
            "kind": "cooperation",
            "attendance": 27,
            "forms": ["planning", "implementation"],
            "description": "Kopā ar pašvaldību izvietojām māju norādes visā apkaimē.",
        },
        {
            "title": "Jāņu ielīgošana Mežiniekos",
            "yearly": (6, 22),
            "place": "Mežinieku apkaimes laukums",
            "kind": "tradition",
            "attendance": 80,
            "forms": ["mobilisation"],
            "step_free": True,
        },
        {
            "title": "Kopienu līderu apmācības: projekta pieteikuma sagatavošana",
            "days": -90,
            "place": "Ķekavas bibliotēka",
            "kind": "training",
            "attendance": 18,
            "forms": ["training"],
        },
        {
            "title": "Pārstāvības deleģējuma parakstu kampaņa",
            "days": -60,
            "place": "Mežinieku apkaime",
            "kind": "cooperation",
            "attendance": 45,
            "forms": ["mobilisation"],
        },
        {
            "title": "Paveiktā izvērtēšana un nākamā gada plāni",
            "days": -20,
            "place": "Ķekavas kultūras nams",
            "kind": "forum",
            "attendance": 22,
            "forms": ["monitoring", "planning"],
            "step_free": True,
        },
        {
            "title": "Rudens talka apkaimes mežmalā",
            "days": 18,
            "place": "Mežinieku apkaimes mežmala",
            "kind": "cooperation",
            "forms": ["implementation"],
        },
    ],
    "daugmales-kopiena": [
        {
            "title": "Veloceliņa Daugmale–Ķekava vajadzību apspriešana",
            "days": -40,
            "place": "Daugmales pamatskola",
            "kind": "forum",
            "attendance": 35,
            "forms": ["needs"],
            "step_free": True,
        },
        {
            "title": "Daugmales pilskalna svētki",
            "yearly": (8, 9),
            "place": "Daugmales pilskalns",
            "kind": "tradition",
            "attendance": 75,
            "forms": ["mobilisation", "implementation"],
        },
        {
            "title": "Kaimiņu sanāksme par atpūtas vietām pie Daugavas",
            "days": -15,
            "place": "Daugmales pagasta pārvalde",
            "kind": "cooperation",
            "attendance": 12,
            "forms": ["needs", "planning"],
        },
    ],
}

OPINIONS = {
    "mezinieku-kopiena": [
        {
            "title": "Par gājēju un velosipēdistu ceļu Mežinieku apkaimē",
            "days": -150,
            "addressee": "Pašvaldības Attīstības un plānošanas nodaļa",
            "summary": (
                "Kopiena lūdz iekļaut investīciju plānā gājēju un velosipēdistu ceļu gar "
                "apkaimes galveno ielu, jo bērni uz skolu iet pa brauktuvi."
            ),
        },
        {
            "title": "Priekšlikumi ielu apgaismojumam",
            "days": -70,
            "addressee": "Pašvaldības Komunālā nodaļa",
            "summary": "Apkaimes kopsapulcē saskaņots saraksts ar 6 ielu posmiem bez apgaismojuma.",
        },
        {
            "title": "Viedoklis par nākamā gada budžeta projektu",
            "days": -30,
            "addressee": "Novada dome",
            "summary": (
                "Kopiena atbalsta līdzekļus apkaimju labiekārtošanai un lūdz paredzēt "
                "dotāciju kopienu pasākumiem."
            ),
        },
    ],
    "daugmales-kopiena": [
        {
            "title": "Par veloceliņa Daugmale–Ķekava trasi",
            "days": -25,
            "addressee": "Pašvaldības Attīstības un plānošanas nodaļa",
            "summary": (
                "Iedzīvotāju forumā atbalstīta trase gar autoceļu ar drošu šķērsojumu pie "
                "skolas; pievienots forumā apkopoto viedokļu saraksts."
            ),
        },
    ],
}
