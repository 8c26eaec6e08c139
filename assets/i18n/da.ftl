# Vejviser's Danish words: the program's own language and the complete catalogue.
# A message is `id = text`; `{ $name }` is an argument; plural forms follow CLDR:
#   { $count -> [one] … *[other] … }

## Counts

count-cases = { $count } { $count ->
    [one] sag
   *[other] sager
}
count-guides = { $count } { $count ->
    [one] guide
   *[other] guides
}
count-errors = { $count } fejl
count-warnings = { $count } { $count ->
    [one] advarsel
   *[other] advarsler
}
