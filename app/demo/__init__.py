"""Demo data: what a demo branch holds and how it gets there. The composition root
(app.bootstrap) seeds a demo branch on its first start (`branch`); `sanad demo-data` adds more
people (`register`). Who the people are is `people` (from the lists in `names`); a year of
casework is `cases`. The services never import this package: it drives them from above.
"""
