package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// topCommand is a command under the root: its name, its group in the
// help ("" for cobra's "Additional Commands") and its constructor, in the
// file of its group.
type topCommand struct {
	name, group string
	make        func(*app) *cobra.Command
}

// topCommands are every command under the root, in the help's order.
var topCommands = []topCommand{
	{"log", "daily", (*app).logCmd}, {"status", "daily", (*app).statusCmd}, {"focus", "daily", (*app).focusCmd},
	{"skip", "daily", (*app).skipCmd}, {"undo", "daily", (*app).undoCmd},
	{"show", "look", (*app).showCmd}, {"why", "look", (*app).whyCmd}, {"steps", "look", (*app).stepsCmd},
	{"journal", "look", (*app).journalCmd}, {"wins", "look", (*app).winsCmd},
	{"review", "reflect", (*app).reviewCmd}, {"lesson", "reflect", (*app).lessonCmd},
	{"doubt", "reflect", (*app).doubtCmd}, {"work", "reflect", (*app).workCmd},
	{"goal", "manage", (*app).goalCmd}, {"step", "manage", (*app).stepCmd}, {"unskip", "manage", (*app).unskipCmd},
	{"export", "manage", (*app).exportCmd}, {"import", "manage", (*app).importCmd},
	{"serve", "server", (*app).serveCmd}, {"user", "server", (*app).userCmd}, {"invite", "server", (*app).inviteCmd},
	{"token", "server", (*app).tokenCmd}, {"login", "server", (*app).loginCmd}, {"logout", "server", (*app).logoutCmd},
	{"demo", "", (*app).demoCmd}, {"version", "", (*app).versionCmd},
}

// commandName returns the command args name under the root, or "" when
// they name none (the board, help, completion, a flag alone).
func commandName(args []string) string {
	for i := 0; i < len(args); i++ {
		switch arg := args[i]; {
		case arg == "--":
			return ""
		case arg == "--db":
			i++ // its value
		case !strings.HasPrefix(arg, "-"):
			return arg
		}
	}
	return ""
}

// rootCommand returns the command tree that runs args: the root with the
// one command args name under it, or with every command when they name
// none that stride has (help, completion, a mistyped name and the board
// need them all). Making the ~100 commands and their flags is a measurable
// part of a command that lives 30 ms (docs/BENCHMARKS.md).
func (a *app) rootCommand(args []string) *cobra.Command {
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
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return usageError{friendlyFlagError(cmd, err)} })
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
	name := commandName(args)
	one := slices.ContainsFunc(topCommands, func(c topCommand) bool { return c.name == name })
	root.CompletionOptions.DisableDefaultCmd = one
	for _, c := range topCommands {
		if one && c.name != name {
			continue
		}
		cmd := c.make(a)
		cmd.GroupID = c.group
		root.AddCommand(cmd)
	}
	return root
}
