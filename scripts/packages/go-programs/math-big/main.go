package main

import (
	"fmt"
	"math/big"
)

func main() {
	n := new(big.Int).Exp(big.NewInt(2), big.NewInt(200), nil)
	fmt.Println(n)
}
