package main

import (
	"github.com/gin-gonic/gin"
	"github.com/google/uuid"
	"github.com/sirupsen/logrus"
)

func main() {
	r := gin.Default()
	r.GET("/", func(c *gin.Context) {
		id := uuid.New().String()
		logrus.WithField("id", id).Info("request")
		c.JSON(200, gin.H{"id": id})
	})
	r.Run(":8080")
}
