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

## Problems reading a case log for a report

report-error-sqlite = { $path }: databasefejl: { $detail }
report-error-too-new = { $path }: skrevet af en nyere vejviser (skema { $found }); opdatér vejviser for at læse den
report-error-missing = { $path }: filen findes ikke
report-error-not-a-file = { $path }: ikke en fil (en mappe eller en enhed); giv stien til en sagslog-fil
report-error-not-a-log = { $path }: ikke en sagslog fra vejviser (eller dens tabeller er ændret i hånden)
report-error-bad-value = { $path }: loggen har en umulig værdi ({ $what }); den kan være ændret

## Problems walking a case

walk-error-bad-start = guidens start `{ $id }` er ikke et trin
walk-error-finished = sagen har nået sit udfald; gå tilbage eller begynd forfra for at svare igen
walk-error-no-such-choice = der er intet synligt valg nummer { $number }
walk-error-no-such-label = der er intet synligt valg med teksten "{ $label }"; valgene er: { $choices }
walk-error-broken = valget fører til `{ $id }`, som hverken er et trin eller et udfald
