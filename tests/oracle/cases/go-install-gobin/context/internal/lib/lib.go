package lib

func X() int { return 1 }
