package cli

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The errors cobra and pflag give for bad flags and arguments name their
// parsers ("strconv.ParseInt: parsing ...") and count "arg(s)". These
// say what was wrong and what is accepted, in stride's words.
var (
	badFlagValueRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^invalid argument "(.*)" for "(?:-\w, )?(--[\w-]+)" flag: (.*)$`)
	})
	shorthandRE  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^unknown shorthand flag: '.' in (-\S+)$`) })
	unknownCmdRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^unknown command "(.*)" for "(.*)"$`) })
	argCountRE   = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:accepts|requires) (?:at least |at most |between )?(\d+)(?: and (\d+))? arg\(s\), (?:only )?received (\d+)$`)
	})
)

// friendlyFlagError rewrites a flag parse error of cmd.
func friendlyFlagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	if m := shorthandRE().FindStringSubmatch(msg); m != nil {
		if _, nerr := strconv.ParseFloat(m[1], 64); nerr == nil {
			return fmt.Errorf("%s is a negative amount: a step adds progress, so amounts are more than 0; "+
				"to take a step back, use stride undo or stride step edit", m[1])
		}
		return fmt.Errorf("unknown flag %s", m[1])
	}
	if m := badFlagValueRE().FindStringSubmatch(msg); m != nil {
		what := m[3]
		switch {
		case strings.Contains(what, "strconv.ParseInt"), strings.Contains(what, "strconv.ParseUint"):
			what = "is not a whole number"
		case strings.Contains(what, "strconv.ParseFloat"):
			what = "is not a number"
		case strings.Contains(what, "strconv.ParseBool"):
			if f := cmd.Flags().Lookup(strings.TrimPrefix(m[2], "--")); f != nil && boolWords[strings.ToLower(m[1])] {
				return errors.New(boolFlagHint(cmd, f, "")) // --holds=no
			}
			what = "is not true or false"
		default:
			what = "is not accepted: " + what
		}
		return fmt.Errorf("%s %q %s", m[2], m[1], what)
	}
	return err
}

// friendlyArgsError rewrites cobra's complaint about the number of
// arguments into what cmd takes, with its usage line; other errors are
// returned as they are. args is the command line: a yes or no after a
// flag that takes no value ("--holds no") is the likely mistake, and is
// named instead.
func friendlyArgsError(cmd *cobra.Command, err error, args []string) string {
	if cmd == nil {
		return err.Error()
	}
	name := strings.TrimPrefix(cmd.CommandPath(), "stride ")
	usage := strings.TrimSuffix(cmd.UseLine(), " [flags]")
	leftover := unknownCmdRE().MatchString(err.Error()) && !cmd.HasAvailableSubCommands() && cmd.HasParent() ||
		argCountRE().MatchString(err.Error())
	if f, word := boolFlagValue(cmd, args); f != nil && leftover {
		return boolFlagHint(cmd, f, word) + ". Usage: " + usage
	}
	if m := unknownCmdRE().FindStringSubmatch(err.Error()); m != nil {
		if !cmd.HasAvailableSubCommands() && cmd.HasParent() {
			return fmt.Sprintf("%s takes %s; %q was given. Usage: %s", name, expected(cmd.Use), m[1], usage)
		}
		msg := fmt.Sprintf("no command %q", m[1])
		if cmd.HasParent() {
			msg = fmt.Sprintf("%s has no command %q", name, m[1])
		}
		if cmd.SuggestionsMinimumDistance <= 0 {
			cmd.SuggestionsMinimumDistance = 2 // cobra's own default, which SuggestionsFor leaves unset
		}
		if s := cmd.SuggestionsFor(m[1]); len(s) > 0 {
			last := len(s) - 1
			if last > 0 {
				s = append(s[:last-1], s[last-1]+" or "+s[last])
			}
			return fmt.Sprintf("%s. Did you mean %s?", msg, strings.Join(s, ", "))
		}
		return msg
	}
	m := argCountRE().FindStringSubmatch(err.Error())
	if m == nil {
		return err.Error()
	}
	got, _ := strconv.Atoi(m[3])
	given := "none was given"
	switch {
	case got == 1:
		given = "1 was given"
	case got > 1:
		given = m[3] + " were given"
	}
	return fmt.Sprintf("%s takes %s; %s. Usage: %s", name, expected(cmd.Use), given, usage)
}

// expected describes the arguments a Use line names: "a NAME", "a GOAL
// and optionally more".
func expected(use string) string {
	fields := strings.Fields(use)[1:]
	var need, opt []string
	for i := 0; i < len(fields); i++ {
		switch f := fields[i]; {
		case f == "[flags]":
		case strings.HasPrefix(f, "[-"): // an optional flag, and its value if any
			for !strings.HasSuffix(fields[i], "]") && i+1 < len(fields) {
				i++
			}
		case strings.HasPrefix(f, "-"): // a flag the command needs, and its value
			i++
		case strings.HasPrefix(f, "["):
			opt = append(opt, strings.Trim(f, "[]."))
		default:
			need = append(need, strings.Trim(f, "."))
		}
	}
	switch {
	case len(need) == 0 && len(opt) == 0:
		return "no arguments"
	case len(need) == 0:
		return "at most " + strings.Join(opt, " and ")
	case len(opt) == 0:
		return strings.Join(need, " and ")
	}
	return strings.Join(need, " and ") + ", then optionally " + strings.Join(opt, " and ")
}

// boolWords are the values people give a flag that takes none.
var boolWords = map[string]bool{
	"yes": true, "no": true, "y": true, "n": true, "true": true, "false": true, "on": true, "off": true,
}

// oppositeFlag is the annotation that names a boolean flag's opposite
// (--holds and --no-longer-holds), for boolFlagHint.
const oppositeFlag = "stride_opposite"

// boolFlagValue returns the boolean flag of cmd that args follow with a
// yes or no ("--holds no", "-y yes"), and that word, which the parser
// took for an argument. It returns nil when there is none.
func boolFlagValue(cmd *cobra.Command, args []string) (*pflag.Flag, string) {
	for i := 0; i+1 < len(args) && args[i] != "--"; i++ {
		var f *pflag.Flag
		switch arg := args[i]; {
		case strings.HasPrefix(arg, "--") && !strings.Contains(arg, "="):
			f = cmd.Flags().Lookup(arg[2:])
		case len(arg) == 2 && arg[0] == '-' && arg[1] != '-':
			f = cmd.Flags().ShorthandLookup(arg[1:])
		}
		if f != nil && f.Value.Type() == "bool" && boolWords[strings.ToLower(args[i+1])] {
			return f, args[i+1]
		}
	}
	return nil, ""
}

// boolFlagHint says how to give the boolean flag f, which takes no value:
// alone, or, when it has an opposite, one or the other. word is the value
// that was read as an argument, if any.
func boolFlagHint(cmd *cobra.Command, f *pflag.Flag, word string) string {
	head := fmt.Sprintf("--%s takes no value", f.Name)
	if word != "" {
		head += fmt.Sprintf(", so %q was read as an argument", word)
	}
	if opp := f.Annotations[oppositeFlag]; len(opp) == 1 {
		if o := cmd.Flags().Lookup(opp[0]); o != nil {
			return fmt.Sprintf("%s: say --%s if %s, --%s if %s", head, f.Name, f.Usage, o.Name, o.Usage)
		}
	}
	return fmt.Sprintf("%s: give --%s alone (%s), or leave it out", head, f.Name, f.Usage)
}

// boolWordRead returns the hint of boolFlagHint when a command of args
// failed with msg because a yes or no after a boolean flag was read as
// an argument (msg quotes the word: `no goal named "false"`), else msg.
func boolWordRead(cmd *cobra.Command, args []string, msg string) string {
	if f, word := boolFlagValue(cmd, args); f != nil && strings.Contains(msg, strconv.Quote(word)) {
		return boolFlagHint(cmd, f, word)
	}
	return msg
}

// opposites marks two boolean flags of f as each other's opposite.
func opposites(f *pflag.FlagSet, a, b string) {
	_ = f.SetAnnotation(a, oppositeFlag, []string{b}) // both are defined just before
	_ = f.SetAnnotation(b, oppositeFlag, []string{a})
}
