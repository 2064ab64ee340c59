import ForesiteCLI

await Foresite.start()
