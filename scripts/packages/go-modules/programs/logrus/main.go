package main

import "github.com/sirupsen/logrus"

func main() { logrus.WithField("k", "v").Info("hi") }
