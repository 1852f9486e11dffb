package stride_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// shaming matches words and phrases that blame the user for being
// imperfect (METHOD.md, Tone). A gap is "a gap", behind pace comes with the
// smallest step, and nobody "failed".
var shaming = regexp.MustCompile(`(?i)\b(fail(ed|ure|ing|s)?|broke(n)? (your |the |a )?streak|streak (is |was )?(broken|lost|reset)|lost your streak|lazy|laziness|should have|shouldn't have|should've|you missed|missed (a|your|the) (day|week|goal|target)|disappoint\w*|worthless|pathetic|no excuses?|give up|giving up|slacker|wasted)\b`)

// toneAllowed are texts about the system or about input, not about the
// user's progress: a refused sign-in or a database fault may say so.
var toneAllowed = []string{
	"too many failed sign-ins",
	"request failed",
	"readiness check failed",
	"Store calls that failed inside stride",
}

// TestTone walks every text stride shows about progress: the string
// literals of the packages that word progress, answer the CLI and the web
// app and compute wins and reviews, the web templates, and the CLI's
// golden outputs. None may shame.
func TestTone(t *testing.T) {
	var seen int
	check := func(where, text string) {
		seen++
		for _, ok := range toneAllowed {
			text = strings.ReplaceAll(text, ok, "")
		}
		if m := shaming.FindString(text); m != "" {
			t.Errorf("%s: %q shames the user: %q", where, m, text)
		}
	}
	for _, dir := range []string{"words", "cli", "http", "review", "momentum", "demo", "export", "importer"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil {
						check(fset.Position(lit.Pos()).String(), s)
					}
				}
				return true
			})
		}
	}
	for _, root := range []string{"http/html", "cli/testdata"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch filepath.Ext(path) {
			case ".html", ".txt", ".md", ".golden":
			default:
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			check(path, string(b))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d texts checked", seen)
	if seen < 1000 {
		t.Fatalf("only %d texts checked: the walk missed the sources", seen)
	}
}

// TestToneCatches makes sure the pattern catches what it is for, and lets
// kind words through.
func TestToneCatches(t *testing.T) {
	for _, bad := range []string{"You failed to log a step", "You broke your streak", "streak broken", "Don't be lazy",
		"You should have walked", "you missed a day", "A failure", "Don't give up"} {
		if !shaming.MatchString(bad) {
			t.Errorf("%q passes", bad)
		}
	}
	for _, kind := range []string{"A gap is part of the way", "Behind pace: the smallest step is to walk 5 minutes",
		"Welcome back", "Good enough is done", "a rest day"} {
		if shaming.MatchString(kind) {
			t.Errorf("%q is caught", kind)
		}
	}
}
