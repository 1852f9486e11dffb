// Package cli is the stride command line. Run builds the commands from an
// Env (arguments, environment, clock, standard streams), runs one, and turns
// its error into an exit status; it is the only place that decides how
// stride talks to a terminal. One file per command group.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/strideapp/stride"
)

// Exit statuses of Run.
const (
	ExitOK    = 0 // the command did what was asked
	ExitError = 1 // something failed that was not the user's input
	ExitUsage = 2 // bad flags, arguments or values: nothing was written
)

// Env is everything a run of stride sees of the world. Tests fill it with a
// fixed clock and buffers; Run fills it from the process.
type Env struct {
	Getenv func(string) string
	Now    func() time.Time
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// StdinTTY and StdoutTTY say whether the streams are terminals: prompts
	// need the first, colour and wide layouts the second.
	StdinTTY, StdoutTTY bool
	// Open opens the store named by a --db value; nil means OpenStore.
	Open func(ctx context.Context, db string) (*stride.Services, error)
	// OpenServe opens the store of stride serve; nil means Open when that
	// is set, else OpenDurableStore.
	OpenServe func(ctx context.Context, db string) (*stride.Services, error)
}

// Run runs stride with args (without the program name) and returns the exit
// status: ExitOK, ExitUsage for bad input, ExitError otherwise.
func Run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := Env{
		Getenv: getenv, Now: time.Now,
		Stdin: stdin, Stdout: stdout, Stderr: stderr,
		StdinTTY: isTerminal(stdin), StdoutTTY: isTerminal(stdout),
	}
	return env.Run(ctx, args)
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// usageError marks an error in what the user typed: exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usagef returns a usage error with a formatted message.
func usagef(format string, args ...any) error {
	return usageError{stride.Errorf(stride.EINVALID, format, args...)}
}

// Run runs stride in env with args and returns the exit status.
func (env Env) Run(ctx context.Context, args []string) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	if env.Stdin == nil {
		env.Stdin = strings.NewReader("")
	}
	if env.OpenServe == nil {
		env.OpenServe = env.Open
		if env.OpenServe == nil {
			env.OpenServe = OpenDurableStore
		}
	}
	if env.Open == nil {
		env.Open = OpenStore
	}
	if args == nil {
		args = []string{} // cobra reads os.Args for nil
	}
	a := newApp(env)
	defer a.close()
	root := a.rootCommand(args)
	root.SetArgs(args)
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return ExitOK
	}
	code := ExitError
	var ue usageError
	switch {
	case !a.ran || errors.As(err, &ue): // cobra refused the flags or arguments
		code = ExitUsage
	case stride.ErrorCode(err) == stride.EINVALID || stride.ErrorCode(err) == stride.ENOTFOUND:
		// every value the CLI passes on came from the user: a bad amount,
		// date or target, or a goal or step that is not there
		code = ExitUsage
	}
	msg := stride.ErrorMessage(err)
	if !a.ran {
		msg = friendlyArgsError(cmd, err, args)
	} else if code == ExitUsage && cmd != nil {
		msg = boolWordRead(cmd, args, msg) // "stride steps --json false": no goal named "false"
	}
	say(env.Stderr, "stride: %s", msg)
	if !a.ran && cmd != nil {
		fmt.Fprintf(env.Stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return code
}
