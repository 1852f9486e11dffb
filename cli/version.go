package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print stride's version",
		Args:  cobra.NoArgs,
		RunE: a.run(func(*cobra.Command, []string) error {
			fmt.Fprintf(a.env.Stdout, "stride %s (%s)\n", version(), runtime.Version())
			return nil
		}),
	}
}

// version returns the module version stride was built at, or "devel".
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
