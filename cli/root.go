package cli

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// rootCommand builds the whole command tree for one run. Every command is
// listed here; each has its own constructor in the file of its group.
func (a *app) rootCommand() *cobra.Command {
	var opts statusOptions
	root := &cobra.Command{
		Use:   "stride",
		Short: "Track goals your way: progress, not perfection",
		Long: `stride tracks goals your way: progress, not perfection.

Every step counts, partial days earn partial credit, and momentum rises with
each step and eases down gently over a gap. Run stride on its own to see the
board.

Start with:
  stride goal add walk --target "30 min/day" --smallest-step "walk 5 minutes"
  stride log walk 20
  stride`,
		Args:          cobra.NoArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE:          a.run(func(cmd *cobra.Command, _ []string) error { return a.runStatus(cmd.Context(), opts) }),
	}
	root.Flags().BoolVar(&opts.json, "json", false, "print the board as JSON")
	root.PersistentFlags().StringVar(&a.db, "db", "",
		"a SQLite file or a postgres:// URL (default $STRIDE_DB, else $XDG_DATA_HOME/stride/stride.db)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{friendlyFlagError(err)} })
	// Flag help wraps within 80 columns, as everything else stride prints.
	cobra.AddTemplateFunc("wrapFlags", func(f *pflag.FlagSet) string { return f.FlagUsagesWrapped(lineWidth) })
	root.SetUsageTemplate(strings.NewReplacer(
		".LocalFlags.FlagUsages", "wrapFlags .LocalFlags",
		".InheritedFlags.FlagUsages", "wrapFlags .InheritedFlags",
	).Replace(root.UsageTemplate()))
	root.AddGroup(
		&cobra.Group{ID: "daily", Title: "Every day:"},
		&cobra.Group{ID: "look", Title: "Looking back:"},
		&cobra.Group{ID: "reflect", Title: "Reflecting and refining:"},
		&cobra.Group{ID: "manage", Title: "Goals and steps:"},
		&cobra.Group{ID: "server", Title: "The web app, the API and other devices:"},
	)
	add := func(group string, cmds ...*cobra.Command) {
		for _, c := range cmds {
			c.GroupID = group
			root.AddCommand(c)
		}
	}
	add("daily", a.logCmd(), a.statusCmd(), a.focusCmd(), a.skipCmd(), a.undoCmd())
	add("look", a.showCmd(), a.whyCmd(), a.stepsCmd(), a.journalCmd(), a.winsCmd())
	add("reflect", a.reviewCmd(), a.lessonCmd(), a.doubtCmd(), a.workCmd())
	add("manage", a.goalCmd(), a.stepCmd(), a.unskipCmd())
	add("manage", a.exportCmd(), a.importCmd())
	add("server", a.serveCmd(), a.userCmd(), a.inviteCmd(), a.tokenCmd(), a.loginCmd(), a.logoutCmd())
	root.AddCommand(a.demoCmd(), a.versionCmd())
	return root
}
