import ForesiteCLI

await Foresite.main()
