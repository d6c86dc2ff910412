"""Messages in each community language, drafted by the project's developers (not fluent
speakers), shared by the understanding tests and the sandbox's end-to-end tests (issue 29)."""

from __future__ import annotations

#: Asking for food, with a Leeds postcode, as a resident might text it.
FOOD = {
    "pl": ("Dzień dobry, potrzebuję jedzenia dla rodziny, mieszkam LS9", "LS9"),
    "ro": ("Bună ziua, am nevoie de mâncare pentru copii, sunt în LS8 2AA", "LS8 2AA"),
    "ur": ("السلام علیکم، مجھے اپنے بچوں کے لیے کھانا چاہیے، میں LS9 میں رہتی ہوں", "LS9"),
    "ar": ("مرحبا، أحتاج طعام لعائلتي، أسكن في LS8 2AA", "LS8 2AA"),
    "ckb": ("سڵاو، پێویستم بە خواردنە بۆ منداڵەکانم، لە LS9 دەژیم", "LS9"),
    "fa": ("سلام، برای خانواده‌ام غذا لازم دارم، در LS8 2AA زندگی می‌کنم", "LS8 2AA"),
}

#: Present danger in each language: (message, the crisis kind).
CRISES = {
    "pl": [("chcę się zabić", "suicide"), ("tnę się znowu", "self-harm"),
           ("on ma nóż i mówi że mnie zabije", "danger"), ("mąż mnie bije codziennie", "abuse"),
           ("mój tata nie oddycha", "medical"), ("nie chce mi sie zyc, chce umrzec", "suicide")],
    "ro": [("vreau să mă sinucid", "suicide"), ("mă tai iar pe mâini", "self-harm"),
           ("a zis că mă omoară, are un cuțit", "danger"), ("soțul mă bate", "abuse"),
           ("mama nu respiră, chemați ambulanța", "medical"), ("vreau sa mor", "suicide")],
    "ur": [("میں خودکشی کرنا چاہتی ہوں", "suicide"), ("میں خود کو کاٹ رہی ہوں", "self-harm"),
           ("وہ کہتا ہے مجھے جان سے مار دے گا", "danger"), ("میرا شوہر مجھے مارتا ہے", "abuse"),
           ("میرے ابو کے سینے میں درد ہے", "medical")],
    "ar": [("أريد أن أنتحر", "suicide"), ("أجرح نفسي كل يوم", "self-harm"),
           ("هو معه سكين ويقول سيقتلني", "danger"), ("زوجي يضربني كل يوم", "abuse"),
           ("أبي لا يتنفس", "medical"), ("بدي موت", "suicide")],
    "ckb": [("دەمەوێت خۆم بکوژم", "suicide"), ("خۆم بریندار دەکەم", "self-harm"),
            ("دەڵێت دەمکوژێت", "danger"), ("مێردەکەم لێم دەدات", "abuse"),
            ("باوکم ناتوانێت هەناسە بدات", "medical")],
    "fa": [("میخواهم خودکشی کنم", "suicide"), ("به خودم آسیب میزنم", "self-harm"),
           ("چاقو دارد و میگوید منو میکشه", "danger"), ("شوهرم کتکم میزند", "abuse"),
           ("پدرم نفس نمیکشد", "medical")],
}
