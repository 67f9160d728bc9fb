"""The kit's demo data: the invented municipal people and accounts of the two demo
municipalities, and their territory files (``kekava-territories.yaml``, ``riga-apkaimes.yaml``
beside this file).

Ķekava's contact persons and the demo accounts, then Riga's details and contact persons. The
top floor's ``front/demo.py`` builds these rows, then each app its own (``communities/demo.py``),
which may name these people; the kit imports no app.
"""

# Municipal employees; ``areas`` are the towns and parishes whose neighbourhoods they serve.
CONTACT_PERSONS = [
    {
        "email": "ilze.kalnina@kekava.example",
        "name": "Ilze Kalniņa",
        "position": "Kopienu koordinatore",
        "phone": "+371 67000011",
        "reception_hours": "Pirmdienās 9.00–12.00, pašvaldības ēkā, 1. stāvā, 104. kabinetā",
        "areas": ["kekava", "kekavas-pagasts"],
    },
    {
        "email": "janis.ozols@kekava.example",
        "name": "Jānis Ozols",
        "position": "Baložu pilsētas pārvaldes speciālists",
        "phone": "+371 67000012",
        "reception_hours": "Otrdienās 14.00–18.00, Baložu pilsētas pārvaldē",
        "areas": ["balozi"],
    },
    {
        "email": "marta.liepina@kekava.example",
        "name": "Marta Liepiņa",
        "position": "Baldones apvienības sabiedrisko attiecību speciāliste",
        "phone": "+371 67000013",
        "reception_hours": "Trešdienās 10.00–13.00, Baldones apvienības pārvaldē",
        "areas": ["baldone", "baldones-pag"],
    },
    {
        "email": "andris.berzins@kekava.example",
        "name": "Andris Bērziņš",
        "position": "Daugmales pagasta pārvaldes vadītājs",
        "phone": "+371 67000014",
        "reception_hours": "Ceturtdienās 9.00–12.00, Daugmales pagasta pārvaldē",
        "areas": ["daugmales-pag"],
    },
]

AGENSKALNS_MEMBERS = [
    {"email": f"{slug}@demo.lv", "full_name": name}
    for slug, name in (
        ("janis.berzins", "Jānis Bērziņš"),
        ("ilze.kalnina", "Ilze Kalniņa"),
        ("andris.ozols", "Andris Ozols"),
        ("kristine.lace", "Kristīne Lāce"),
        ("peteris.eglitis", "Pēteris Eglītis"),
        ("zane.krastina", "Zane Krastiņa"),
        ("valdis.priede", "Valdis Priede"),
        ("agnese.silina", "Agnese Siliņa"),
    )
]

ACCOUNTS = [
    {"email": "resident@demo.lv", "full_name": "Laura Zariņa"},
    {"email": "leader@demo.lv", "full_name": "Edgars Kļaviņš"},
    {"email": "staff@demo.lv", "full_name": "Ieva Ozoliņa", "staff_of": ["kekavas-novads"]},
    {"email": "evaluator@demo.lv", "full_name": "Kārlis Grīnbergs"},
    {"email": "council@demo.lv", "full_name": "Dace Vītola"},
    {
        "email": "admin@demo.lv",
        "full_name": "Portāla administrators",
        "is_superuser": True,
        "is_staff": True,
    },
    {"email": "anna.liepa@demo.lv", "full_name": "Anna Liepa"},
    {"email": "martins.kalns@demo.lv", "full_name": "Mārtiņš Kalns"},
    {"email": "inese.berza@demo.lv", "full_name": "Inese Bērza"},
    # Riga (riga.py): its own staff, one person who is staff of both, two residents.
    {"email": "riga.staff@demo.lv", "full_name": "Artūrs Zvaigzne", "staff_of": ["riga"]},
    {
        "email": "both.staff@demo.lv",
        "full_name": "Sandra Meldere",
        "staff_of": ["kekavas-novads", "riga"],
    },
    {"email": "liga.vanaga@demo.lv", "full_name": "Līga Vanaga"},
    {"email": "roberts.krumins@demo.lv", "full_name": "Roberts Krūmiņš"},
    # Members of the Āgenskalns association: enough for Riga's first subsidy tier.
    *AGENSKALNS_MEMBERS,
]


# Riga ---------------------------------------------------------------------------------

RIGA_DETAILS = {
    "email": "info@riga.example",
    "phone": "+371 67100000",
    "website": "https://www.riga.example/",
    "address": "Rātslaukums 1, Rīga",
    "email_from_name": "Rīgas apkaimju portāls",
    "email_from_address": "apkaimes@riga.example",
    "response_working_days": 10,
    "min_consultation_days": 21,
}

# ``areas`` are the neighbourhoods each person serves; the others get the first person.
RIGA_CONTACT_PERSONS = [
    {
        "email": "kristine.abele@riga.example",
        "name": "Kristīne Ābele",
        "position": "Apkaimju attīstības koordinatore",
        "phone": "+371 67100011",
        "reception_hours": "Pirmdienās 10.00–13.00, Apkaimju iedzīvotāju centrā",
        "areas": [],
    },
    {
        "email": "gatis.liepins@riga.example",
        "name": "Gatis Liepiņš",
        "position": "Pārdaugavas apkaimju koordinators",
        "phone": "+371 67100012",
        "reception_hours": "Ceturtdienās 14.00–17.00, Āgenskalna tirgus ēkā",
        "areas": ["agenskalns", "tornakalns", "imanta", "zolitude", "katlakalns"],
    },
]
