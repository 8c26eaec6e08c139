# What `vejviser check` says about a guide: a headline per finding, keyed by its code
# (`finding-<code>`), and what to do about it (`finding-<code>-hint`). A literal brace is
# written {"{"} and {"}"}.

## The level word of a hint under a diagnostic

diagnostic-help = hjælp

## Reading files

finding-path-not-found = stien findes ikke
finding-path-not-found-hint = tjek stavningen, eller giv stien til mappen med guides
finding-unreadable = filen kan ikke læses: { $error }
finding-unreadable-hint = tjek at filen findes, og at du har lov til at læse den
finding-not-regular-file = det er ikke en almindelig fil (fx en enhed, et rør eller en socket), så den læses ikke
finding-not-regular-file-hint = flyt den ud af mappen med guides, eller giv den et navn, der ikke ender på .toml
finding-file-too-large = filen er større end { $limit } KB og læses ikke
finding-file-too-large-hint = en guide er nogle få KB; del filen op, eller tjek at det er den rigtige fil
finding-empty-folder = mappen indeholder ingen .toml-filer
finding-empty-folder-hint = læg guides i mappen som <område>/<id>.toml, eller peg på en anden mappe
finding-not-utf8 = filen er ikke gemt som UTF-8
finding-not-utf8-hint = gem filen igen med tegnsættet UTF-8 (i Notesblok: Gem som → Kodning: UTF-8)
finding-no-guides = ingen guides fundet
finding-no-guides-hint = giv en mappe med guides, fx `vejviser check guides`

## The file's form

finding-toml-syntax = TOML-syntaksfejl: { $detail }
finding-toml-syntax-hint = tjek anførselstegn, = og [ ] på linjen; tekst skal stå i "anførselstegn"
finding-missing-format = filen mangler `format = 1` øverst
finding-missing-format-hint = skriv `format = 1` som første linje i filen
finding-unsupported-format = format { $found } kendes ikke; denne version af vejviser læser format 1
finding-unsupported-format-hint = skriv `format = 1`, eller opdater vejviser til en nyere version
finding-multi-line-inline-table = {"{"} … {"}"} strækker sig over flere linjer; det kan ikke alle programmer læse (TOML 1.0)
finding-multi-line-inline-table-hint = skriv hele {"{"} … {"}"} på én linje, eller brug [[steps.<id>.choices]]-tabeller

## Keys and values

finding-wrong-type = `{ $key }` skal være { $expected }, men er { $found }
# $example is TOML, e.g. `"…"` or `[navn]`.
finding-wrong-type-hint = skriv fx { $example }
finding-missing-key = `{ $key }` mangler i { $table }
finding-missing-key-hint = tilføj `{ $key } = …`
# When the missing key is a section, e.g. `[guide]`.
finding-missing-key-hint-section = tilføj sektionen `{ $key }`
finding-unknown-key = ukendt nøgle `{ $key }` i { $table }
finding-unknown-key-hint = slet nøglen, eller se guides/README.md for de tilladte nøgler
finding-bad-id = `{ $id }` er ikke et gyldigt id for { $what }
finding-bad-id-hint = brug kun små bogstaver a-z, tal og bindestreg, højst 64 tegn og aldrig fem cifre i træk, fx `mitid-mistet-telefon` (æ/ø/å skrives ae/oe/aa)
finding-bad-value = `{ $value }` er ikke en gyldig værdi for `{ $key }`
finding-bad-value-hint = tilladt: { $allowed }
finding-bad-value-hint-suggestion = mente du `{ $suggestion }`? Tilladt: { $allowed }
finding-empty-list = `{ $key }` må ikke være tom
finding-empty-list-hint = skriv mindst én ting, eller slet nøglen hvis den er valgfri
finding-empty-text = teksten i `{ $key }` er tom
finding-empty-text-hint = { finding-empty-list-hint }
# The hint of an unknown key or reference that is close to a known one.
finding-did-you-mean = mente du `{ $suggestion }`?

## Ids and references

finding-duplicate-id = { $what } `{ $id }` er defineret to gange
finding-duplicate-id-hint = første gang: { $first }; giv den ene et andet id
finding-duplicate-label = to svar i samme trin hedder "{ $label }"
finding-duplicate-label-hint = giv svarene forskellige tekster, så hjælperen og testene kan skelne dem
finding-unknown-reference = { $what } `{ $id }` findes ikke
finding-rule-of-other-guide = reglen `{ $id }` hører til guiden `{ $guide }` og kan ikke bruges her
finding-rule-of-other-guide-hint = flyt reglen til guides/rules.toml, så alle guides kan bruge den
finding-unreachable = { $what } `{ $id }` kan ikke nås fra start
finding-unreachable-hint = lad et svar pege på den med `next`, eller slet den

## The way through a guide

finding-no-way-out = trinnet `{ $id }` fører aldrig til et udfald (blindgyde eller løkke)
finding-no-way-out-hint = giv trinnet et svar, der fører videre mod et udfald
finding-do-without-consent = udfaldet `{ $id }` (do) kan nås uden et samtykketrin: { $path }
finding-do-without-consent-hint = indsæt et trin med `consent = true` (borgeren siger ja) før udfaldet
finding-refuse-without-must-not = udfaldet `{ $id }` (refuse) nævner ingen må-ikke-regel
finding-refuse-without-must-not-hint = tilføj `rules = ["…"]` med den må-ikke-regel, der forklarer afslaget
finding-refer-without-place = udfaldet `{ $id }` (refer) siger ikke, hvor borgeren skal henvises
finding-refer-without-place-hint = tilføj `refer = "…"` med et sted fra places.toml
finding-stale = guiden blev sidst gennemgået { $reviewed } ({ $days } { $days ->
        [one] dag
       *[other] dage
    } siden)
finding-stale-hint = gennemgå guiden mod kilderne og ret `reviewed` til dagens dato
finding-no-tests = guiden har ingen scenarietests
finding-no-tests-hint = tilføj mindst én [[tests]] med answers og expect for hvert udfald

## Sites

finding-no-outcome-for-site = guiden når intet udfald, sådan som stedet `{ $site }` ser den
finding-no-outcome-for-site-hint = giv svar uden `when`, eller med `unless`, så der altid er en vej videre på steder uden servicen
finding-no-choices-for-site = trinnet `{ $id }` har ingen svar, sådan som stedet `{ $site }` ser det
finding-no-choices-for-site-hint = { finding-no-outcome-for-site-hint }
finding-refers-to-own-desk = udfaldet `{ $outcome }` henviser et sted med rollen `{ $role }` til `{ $place }`, et sted af samme slags
finding-refers-to-own-desk-hint = skjul svaret med `unless` for den service, stedet tilbyder, eller giv stedet servicen i `offers`; indtil da siger vejviser ved udfaldet, at borgeren allerede er det rette sted
finding-service-not-for-role = et sted med rollen `{ $role }` må ikke tilbyde `{ $service }`: det er en opgave for kommunen
finding-service-not-for-role-hint = fjern `{ $service }` fra `offers`. At tage imod erklæringen om fritagelse fra Digital Post gør kommunen (Borgerservice, og nogle steder biblioteket, hvis kommunen har sagt ja); frivillige og foreninger gør det aldrig, så guiderne henviser borgeren dertil. Indtil da bruger vejviser stedet uden `{ $service }`

## Personal data

finding-cpr-in-guide = teksten ligner et CPR-nummer
finding-cpr-in-guide-hint = skriv aldrig en borgers CPR-nummer i en guide; skal der stå et eksempel, så skriv DDMMÅÅ-XXXX
finding-email-in-guide = teksten indeholder en e-mailadresse
finding-email-in-guide-hint = skriv ikke personers e-mailadresser i en guide; et steds kontaktoplysninger hører til i places.toml
finding-phone-in-guide = teksten indeholder et telefonnummer
finding-phone-in-guide-hint = flyt nummeret til et sted i places.toml (`phone`) og henvis dertil med `refer`, så det holdes ajour ét sted
finding-cpr-in-id = id'et for { $what } ligner et CPR-nummer; id'er skrives i sagsloggen
finding-cpr-in-id-hint = et id siger, hvad delen handler om, fx `mitid-mistet-telefon`; skriv aldrig et CPR-nummer, telefonnummer, e-mailadresse eller navn, og højst 5 cifre i alt (fx et blanketnummer `02-052`)
finding-phone-in-id = id'et for { $what } ligner et telefonnummer; id'er skrives i sagsloggen
finding-phone-in-id-hint = { finding-cpr-in-id-hint }
finding-email-in-id = id'et for { $what } ligner en e-mailadresse; id'er skrives i sagsloggen
finding-email-in-id-hint = { finding-cpr-in-id-hint }
finding-digits-in-id = id'et for { $what } har mere end { $max } cifre; id'er skrives i sagsloggen
finding-digits-in-id-hint = { finding-cpr-in-id-hint }
finding-name-in-id = id'et for { $what } ligner et navn
finding-name-in-id-hint = id'er skrives i sagsloggen: brug aldrig en borgers navn, men hvad sagen handler om; er det ikke en persons navn, kan advarslen ignoreres

## Translations ($language is the language's name, $adjective its adjective: "engelske")

finding-translation-language = sproget `{ $code }` kendes ikke; oversættelser kan være på { $codes }
finding-translation-language-hint = et punktum i filnavnet betyder en oversættelse: kald den <navn>.<sprog>.toml med en af sprogkoderne ovenfor, fx <navn>.uk.toml; er det en guide, så brug bindestreg i stedet, fx mitid-v2.toml
finding-translation-of-nothing = oversættelsen hører til `{ $file }`, som ikke findes
finding-translation-of-nothing-hint = læg oversættelsen ved siden af den danske fil med samme navn, eller slet den
finding-translation-of-missing-part = `{ $part }` findes ikke længere i den danske fil
finding-translation-of-missing-part-hint = slet afsnittet, eller ret navnet, hvis trinnet er omdøbt
finding-translation-missing = `{ $part }` mangler oversættelse til { $language } ({ $fields })
finding-translation-missing-hint = `vejviser translate --lang en <fil>` tilføjer de manglende afsnit med den danske tekst som kommentar
finding-translation-stale = den { $adjective } tekst til `{ $part }` er ældre end den danske; den danske vises i stedet
# $changed is what to replace: `source = "…"`, or `source` when the translation has none.
finding-translation-stale-hint = se hvad der er ændret i den danske tekst (fx med `git log -p`), ret oversættelsen, og skriv så `source = "{ $now }"` i stedet for { $changed }
finding-translation-list-length = `{ $key }` har { $given } { $given ->
        [one] tekst
       *[other] tekster
    }, men den danske har { $expected }
finding-translation-list-length-hint = skriv én oversat tekst for hver dansk tekst, i samme rækkefølge
finding-translation-extra-field = den danske fil har ingen `{ $key }` her, så oversættelsen bruges ikke
finding-translation-extra-field-hint = slet nøglen fra oversættelsen
finding-translation-file-missing = filen har ingen oversættelse til { $language } (`{ $file }`)
finding-translation-file-missing-hint = { finding-translation-missing-hint }
finding-translation-duplicate = `{ $file }` er oversat to gange; den første er i { $first }
finding-translation-duplicate-hint = behold én af filerne, ved siden af den danske fil; den anden bruges ikke

## Words inside the findings

# A table a key belongs in, when it is the top level of the file.
finding-table-file = filen

# The value types a key can expect (`… skal være en tekst`).
finding-type-text = en tekst
finding-type-text-list = en liste af tekster
finding-type-text-or-text-list = en tekst eller en liste af tekster
finding-type-integer = et heltal
finding-type-boolean = true eller false
finding-type-date = en dato
finding-type-table = en tabel
finding-type-table-list = en liste af tabeller
finding-type-decimal = et decimaltal
finding-type-list = en liste
finding-type-date-time = et tidspunkt

# The kinds of things that have ids: in a sentence (`et gyldigt id for et trin`) …
finding-what-guide = en guide
finding-what-step = et trin
finding-what-outcome = et udfald
finding-what-step-or-outcome = et trin eller udfald
finding-what-rule = en regel
finding-what-place = et sted
finding-what-service = en service
finding-what-area = et område
finding-what-site = et sted
# … and naming one at the start of a sentence (`Trinnet `hvem` findes ikke`).
finding-what-guide-the = Guiden
finding-what-step-the = Trinnet
finding-what-outcome-the = Udfaldet
finding-what-step-or-outcome-the = Trinnet eller udfaldet
finding-what-rule-the = Reglen
finding-what-place-the = Stedet
finding-what-service-the = Servicen
finding-what-area-the = Området
finding-what-site-the = Stedet

# Where each kind is defined: the hint for an unknown reference with no close match.
finding-where-guide = se listen med `vejviser stats`
finding-where-step-or-outcome = trin og udfald defineres i samme fil som [steps.<id>] og [outcomes.<id>]
finding-where-rule = regler defineres i guides/rules.toml som [rules.<id>]
finding-where-place = steder defineres i guides/places.toml som [places.<id>]
finding-where-service = services defineres i guides/services.toml som [services.<id>]
finding-where-area = områder får en titel i guides/areas.toml som [areas.<id>]
finding-where-site = se assets/site.example.toml
