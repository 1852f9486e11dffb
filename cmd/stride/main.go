// Command stride is the stride command line: goals measured your way,
// progress, not perfection. All of it lives in package cli.
package main

import (
	"context"
	"os"

	"github.com/strideapp/stride/cli"
)

// main installs no signal handler: Ctrl-C ends the process at once, and
// every write is one database transaction, so nothing is left half-written.
// A cancellable context would cost every query a goroutine in the SQLite
// driver, measurable in a command that lives 10 ms.
func main() {
	os.Exit(cli.Run(context.Background(), os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr))
}
