# What `vejviser check` says about a guide: a headline per finding, keyed by its code
# (`finding-<code>`), and what to do about it (`finding-<code>-hint`). A literal brace is
# written {"{"} and {"}"}.

## The level word of a hint under a diagnostic

diagnostic-help = help

## Reading files

finding-path-not-found = the path does not exist
finding-path-not-found-hint = check the spelling, or give the path of the guides folder
finding-unreadable = the file cannot be read: { $error }
finding-unreadable-hint = check that the file exists and that you may read it
finding-not-regular-file = it is not a regular file (e.g. a device, a pipe or a socket), so it is not read
finding-not-regular-file-hint = move it out of the guides folder, or give it a name that does not end in .toml
finding-file-too-large = the file is larger than { $limit } KB and is not read
finding-file-too-large-hint = a guide is a few KB; split the file, or check that it is the right file
finding-empty-folder = the folder holds no .toml files
finding-empty-folder-hint = put guides in the folder as <area>/<id>.toml, or point at another folder
finding-not-utf8 = the file is not saved as UTF-8
finding-not-utf8-hint = save the file again with the UTF-8 encoding (Notepad: Save as → Encoding: UTF-8)
finding-no-guides = no guides found
finding-no-guides-hint = give a folder of guides, e.g. `vejviser check guides`

## The file's form

finding-toml-syntax = TOML syntax error: { $detail }
finding-toml-syntax-hint = check quotes, = and [ ] on the line; text must be in "quotes"
finding-missing-format = the file lacks `format = 1` at the top
finding-missing-format-hint = write `format = 1` as the first line of the file
finding-unsupported-format = format { $found } is unknown; this version of vejviser reads format 1
finding-unsupported-format-hint = write `format = 1`, or update vejviser to a newer version
finding-multi-line-inline-table = {"{"} … {"}"} spans several lines, which not every program can read (TOML 1.0)
finding-multi-line-inline-table-hint = write the whole {"{"} … {"}"} on one line, or use [[steps.<id>.choices]] tables

## Keys and values

finding-wrong-type = `{ $key }` must be { $expected }, but is { $found }
# $example is TOML, e.g. `"…"` or `[navn]`.
finding-wrong-type-hint = write e.g. { $example }
finding-missing-key = `{ $key }` is missing in { $table }
finding-missing-key-hint = add `{ $key } = …`
# When the missing key is a section, e.g. `[guide]`.
finding-missing-key-hint-section = add a `{ $key }` section
finding-unknown-key = unknown key `{ $key }` in { $table }
finding-unknown-key-hint = remove the key, or see guides/README.md for the allowed keys
finding-bad-id = `{ $id }` is not a valid id for { $what }
finding-bad-id-hint = use only lowercase a-z, digits and hyphens, at most 64 characters and never five digits in a row, e.g. `mitid-lost-phone` (write æ/ø/å as ae/oe/aa)
finding-bad-value = `{ $value }` is not a valid value for `{ $key }`
finding-bad-value-hint = allowed: { $allowed }
finding-bad-value-hint-suggestion = did you mean `{ $suggestion }`? Allowed: { $allowed }
finding-empty-list = `{ $key }` must not be empty
finding-empty-list-hint = write at least one thing, or remove the key if it is optional
finding-empty-text = the text in `{ $key }` is empty
finding-empty-text-hint = { finding-empty-list-hint }
# The hint of an unknown key or reference that is close to a known one.
finding-did-you-mean = did you mean `{ $suggestion }`?

## Ids and references

finding-duplicate-id = { $what } `{ $id }` is defined twice
finding-duplicate-id-hint = first defined at { $first }; give one of them another id
finding-duplicate-label = two choices in the same step are labelled "{ $label }"
finding-duplicate-label-hint = give the choices different labels so helpers and tests can tell them apart
finding-unknown-reference = { $what } `{ $id }` does not exist
finding-rule-of-other-guide = rule `{ $id }` belongs to guide `{ $guide }` and cannot be used here
finding-rule-of-other-guide-hint = move the rule to guides/rules.toml so every guide can use it
finding-unreachable = { $what } `{ $id }` cannot be reached from the start
finding-unreachable-hint = let a choice point at it with `next`, or remove it

## The way through a guide

finding-no-way-out = step `{ $id }` never leads to an outcome (dead end or loop)
finding-no-way-out-hint = give the step a choice that leads on towards an outcome
finding-do-without-consent = outcome `{ $id }` (do) can be reached without a consent step: { $path }
finding-do-without-consent-hint = put a step with `consent = true` (the citizen says yes) before the outcome
finding-refuse-without-must-not = outcome `{ $id }` (refuse) names no must-not rule
finding-refuse-without-must-not-hint = add `rules = ["…"]` with the must-not rule that explains the refusal
finding-refer-without-place = outcome `{ $id }` (refer) does not say where to refer the citizen
finding-refer-without-place-hint = add `refer = "…"` with a place from places.toml
finding-stale = the guide was last reviewed on { $reviewed } ({ $days } { $days ->
        [one] day
       *[other] days
    } ago)
finding-stale-hint = review the guide against its sources and set `reviewed` to today's date
finding-no-tests = the guide has no scenario tests
finding-no-tests-hint = add at least one [[tests]] with answers and expect for each outcome

## Sites

finding-no-outcome-for-site = the guide reaches no outcome as site `{ $site }` sees it
finding-no-outcome-for-site-hint = add a choice without `when` (or with `unless`) so sites without the service always have a way on
finding-no-choices-for-site = step `{ $id }` has no choices as site `{ $site }` sees it
finding-no-choices-for-site-hint = { finding-no-outcome-for-site-hint }
finding-refers-to-own-desk = outcome `{ $outcome }` refers a site of role `{ $role }` to `{ $place }`, a place of its own kind
finding-refers-to-own-desk-hint = hide the choice with `unless` for the service the site offers, or add the service to the site's `offers`; until then vejviser says at the outcome that the citizen is already in the right place
finding-service-not-for-role = a site with role `{ $role }` may not offer `{ $service }`: it is the municipality's task
finding-service-not-for-role-hint = remove `{ $service }` from `offers`. Taking the declaration of exemption from Digital Post is done by the municipality (Borgerservice, and in some places the library, if the municipality has agreed); volunteers and associations never do it, so the guides refer the citizen there. Until then vejviser uses the site without `{ $service }`

## Personal data

finding-cpr-in-guide = the text looks like a CPR number
finding-cpr-in-guide-hint = never write a citizen's CPR number in a guide; for an example, write DDMMYY-XXXX
finding-email-in-guide = the text contains an e-mail address
finding-email-in-guide-hint = do not write people's e-mail addresses in a guide; a place's contact details belong in places.toml
finding-phone-in-guide = the text contains a phone number
finding-phone-in-guide-hint = move the number to a place in places.toml (`phone`) and point to it with `refer`, so it is kept up to date in one place
finding-cpr-in-id = the id of { $what } looks like a CPR number; ids are written into the case log
finding-cpr-in-id-hint = an id says what the part is about, e.g. `mitid-lost-phone`; never write a CPR number, phone number, e-mail address or name, and at most 5 digits in all (e.g. a form number `02-052`)
finding-phone-in-id = the id of { $what } looks like a phone number; ids are written into the case log
finding-phone-in-id-hint = { finding-cpr-in-id-hint }
finding-email-in-id = the id of { $what } looks like an e-mail address; ids are written into the case log
finding-email-in-id-hint = { finding-cpr-in-id-hint }
finding-digits-in-id = the id of { $what } has more than { $max } digits; ids are written into the case log
finding-digits-in-id-hint = { finding-cpr-in-id-hint }
finding-name-in-id = the id of { $what } looks like a name
finding-name-in-id-hint = ids are written into the case log: never use a citizen's name, but what the case is about; if it is not a person's name, the warning can be ignored

## Translations ($language is the language's name, $adjective its adjective: "English")

finding-translation-language = the language `{ $code }` is unknown; translations can be into { $codes }
finding-translation-language-hint = a dot in the file name means a translation: name it <name>.<language>.toml with one of the language codes above, e.g. <name>.uk.toml; if it is a guide, use a hyphen instead, e.g. mitid-v2.toml
finding-translation-of-nothing = the translation belongs to `{ $file }`, which does not exist
finding-translation-of-nothing-hint = put the translation beside the Danish file of the same name, or delete it
finding-translation-of-missing-part = `{ $part }` is no longer in the Danish file
finding-translation-of-missing-part-hint = delete the section, or fix its name if the step was renamed
finding-translation-missing = `{ $part }` is not translated into { $language } yet ({ $fields })
finding-translation-missing-hint = `vejviser translate --lang en <file>` adds the missing sections with the Danish text as a comment
finding-translation-stale = the { $adjective } text of `{ $part }` is older than the Danish; the Danish is shown instead
# $changed is what to replace: `source = "…"`, or `source` when the translation has none.
finding-translation-stale-hint = see what changed in the Danish text (e.g. with `git log -p`), update the translation, then write `source = "{ $now }"` instead of { $changed }
finding-translation-list-length = `{ $key }` has { $given } { $given ->
        [one] text
       *[other] texts
    }, but the Danish has { $expected }
finding-translation-list-length-hint = write one translated text for each Danish text, in the same order
finding-translation-extra-field = the Danish file has no `{ $key }` here, so this translation is not used
finding-translation-extra-field-hint = remove the key from the translation
finding-translation-file-missing = the file has no translation into { $language } (`{ $file }`)
finding-translation-file-missing-hint = { finding-translation-missing-hint }
finding-translation-duplicate = `{ $file }` is translated twice; the first is in { $first }
finding-translation-duplicate-hint = keep one of the files, beside the Danish file; the other is not used

## Words inside the findings

# A table a key belongs in, when it is the top level of the file.
finding-table-file = the file

# The value types a key can expect (`… must be a text`).
finding-type-text = a text
finding-type-text-list = a list of texts
finding-type-text-or-text-list = a text or a list of texts
finding-type-integer = a whole number
finding-type-boolean = true or false
finding-type-date = a date
finding-type-table = a table
finding-type-table-list = a list of tables
finding-type-decimal = a decimal number
finding-type-list = a list
finding-type-date-time = a date and time

# The kinds of things that have ids: in a sentence (`a valid id for a step`) …
finding-what-guide = a guide
finding-what-step = a step
finding-what-outcome = an outcome
finding-what-step-or-outcome = a step or outcome
finding-what-rule = a rule
finding-what-place = a place
finding-what-service = a service
finding-what-area = an area
finding-what-site = a site
# … and naming one at the start of a sentence (`Step `who` does not exist`).
finding-what-guide-the = Guide
finding-what-step-the = Step
finding-what-outcome-the = Outcome
finding-what-step-or-outcome-the = Step or outcome
finding-what-rule-the = Rule
finding-what-place-the = Place
finding-what-service-the = Service
finding-what-area-the = Area
finding-what-site-the = Site

# Where each kind is defined: the hint for an unknown reference with no close match.
finding-where-guide = see the list with `vejviser stats`
finding-where-step-or-outcome = steps and outcomes are defined in the same file as [steps.<id>] and [outcomes.<id>]
finding-where-rule = rules are defined in guides/rules.toml as [rules.<id>]
finding-where-place = places are defined in guides/places.toml as [places.<id>]
finding-where-service = services are defined in guides/services.toml as [services.<id>]
finding-where-area = areas get a title in guides/areas.toml as [areas.<id>]
finding-where-site = see assets/site.example.toml
