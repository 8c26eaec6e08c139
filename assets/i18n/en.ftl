# Vejviser's English words. Every id of da.ftl is here too, with the same arguments.

## Counts

count-cases = { $count } { $count ->
    [one] case
   *[other] cases
}
count-guides = { $count } { $count ->
    [one] guide
   *[other] guides
}
count-errors = { $count } { $count ->
    [one] error
   *[other] errors
}
count-warnings = { $count } { $count ->
    [one] warning
   *[other] warnings
}
