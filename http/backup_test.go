package http

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/strideapp/stride"
)

// TestBackupAPI exports ann's data through the API and imports it into
// bob's account: a dry run first, then the import, then the same again.
func TestBackupAPI(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann, bob := e.user("ann"), e.user("bob")
		annTok, _ := e.token(ann, stride.ScopeReadWrite)
		bobTok, _ := e.token(bob, stride.ScopeReadWrite)
		walk := e.goal(ann, "walk", "30 min/day")
		e.step(ann, walk, 25, "by the river, \"slow\"")
		e.reflection(ann, &authzFixture{goal: walk})

		w := e.do(req{method: "GET", path: "/api/v1/export.json", token: annTok})
		if w.Code != 200 || w.Header().Get("Content-Type") != "application/json" ||
			w.Header().Get("Content-Disposition") != `attachment; filename="stride-backup-2026-06-15.json"` {
			t.Fatalf("export.json: %d %v", w.Code, w.Header())
		}
		backup := w.Body.String()
		var doc stride.Backup
		if err := json.Unmarshal([]byte(backup), &doc); err != nil || doc.Format != stride.BackupFormat || len(doc.Goals) != 1 ||
			len(doc.Goals[0].Steps) != 1 || len(doc.Lessons) != 1 || len(doc.Works) != 1 || len(doc.Reviews) != 1 {
			t.Fatalf("export.json: %v\n%.500s", err, backup)
		}

		w = e.do(req{method: "GET", path: "/api/v1/export.csv", token: annTok})
		rows, err := csv.NewReader(w.Body).ReadAll()
		if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/csv") || err != nil || len(rows) != 2 ||
			strings.Join(rows[0], ",") != "goal,date,amount,unit,effort_minutes,energy,note,learned" || rows[1][6] != "by the river, \"slow\"" {
			t.Errorf("export.csv: %d %v %q", w.Code, err, rows)
		}

		var sum stride.ImportSummary
		w = e.do(req{method: "POST", path: "/api/v1/import?dry_run=1", token: bobTok, body: backup})
		want(t, w, 200, &sum)
		if !sum.DryRun || sum.Goals != 1 || sum.Steps != 1 || sum.Lessons != 1 || sum.Works != 1 || sum.Iterations != 1 {
			t.Errorf("dry run: %+v", sum)
		}
		if goals, _ := svc.Goals.FindGoals(ctxFor(bob), stride.GoalFilter{}); len(goals) != 0 {
			t.Errorf("a dry run through the API wrote %d goals", len(goals))
		}
		w = e.do(req{method: "POST", path: "/api/v1/import", token: bobTok, body: backup})
		want(t, w, 200, &sum)
		if sum.DryRun || sum.Goals != 1 || sum.Steps != 1 || sum.Existing != 0 {
			t.Errorf("import: %+v", sum)
		}
		w = e.do(req{method: "POST", path: "/api/v1/import", token: bobTok, body: backup})
		want(t, w, 200, &sum)
		if sum.Goals+sum.Steps+sum.Lessons != 0 || sum.Existing == 0 {
			t.Errorf("the same backup again: %+v, want nothing new", sum)
		}
		if got := e.do(req{method: "GET", path: "/api/v1/export.csv", token: bobTok}).Body.String(); got != e.do(req{method: "GET", path: "/api/v1/export.csv", token: annTok}).Body.String() {
			t.Errorf("bob's steps after the import differ from ann's:\n%s", got)
		}

		for _, c := range []struct {
			body, says string
			status     int
		}{
			{`{"format": "stride-backup", "version": 1, "goals": [{"id": 4, "name": "swim", "start": "2026-06-01",
				"targets": [{"amount": 1, "count": true, "per": "day"}], "steps": [{"id": 9, "date": "2026-06-02", "amount": 0}]}]}`,
				`goal 4 \"swim\", step 9: amount must be more than 0`, 400},
			{`{"format": "stride-backup", "version": 1, "goals": [{"name": "walk", "unit": "km", "start": "2026-06-01",
				"targets": [{"amount": 1, "unit": "km", "per": "day"}]}]}`, `counts km, but your goal \"walk\" counts min`, 409},
			{"{\"format\": \"stride-backup\",\n\"goals\": [", "the body line 2: the JSON is not valid", 400},
			{`{"format": "stride-backup", "version": 9}`, "backup version 9", 400},
		} {
			w := e.do(req{method: "POST", path: "/api/v1/import", token: bobTok, body: c.body})
			if w.Code != c.status || !strings.Contains(w.Body.String(), c.says) {
				t.Errorf("import of a bad body: %d %s, want %d saying %s", w.Code, w.Body, c.status, c.says)
			}
			if strings.Contains(w.Body.String(), "stride goal") { // the API names no CLI command: the CLI adds its own
				t.Errorf("the API's answer names a CLI command: %s", w.Body)
			}
		}
		w = e.do(req{method: "POST", path: "/api/v1/import?dry_run=maybe", token: bobTok, body: backup})
		if w.Code != 400 || !strings.Contains(w.Body.String(), "dry_run") {
			t.Errorf("?dry_run=maybe: %d %s", w.Code, w.Body)
		}
	})
}

// upload posts a backup to the data page as a browser's form does.
func upload(e *testEnv, cookie *http.Cookie, name, content, action string, htmx bool) *httptest.ResponseRecorder {
	e.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if name != "" {
		fw, err := mw.CreateFormFile("backup", name)
		if err != nil {
			e.t.Fatal(err)
		}
		fw.Write([]byte(content))
	}
	mw.WriteField("action", action)
	mw.Close()
	r := httptest.NewRequest("POST", "/data/import", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	if htmx {
		r.Header.Set("HX-Request", "true")
	}
	r.AddCookie(cookie)
	w := httptest.NewRecorder()
	e.srv.ServeHTTP(w, r)
	return w
}

func TestBackupPages(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann, bob := e.user("ann"), e.user("bob")
		walk := e.goal(ann, "walk", "30 min/day")
		e.step(ann, walk, 25, "hills")
		annC, bobC := e.session(ann), e.session(bob)

		w := e.do(req{method: "GET", path: "/settings", cookie: annC})
		if !strings.Contains(w.Body.String(), `href="/data"`) {
			t.Errorf("the settings page does not link to /data")
		}
		w = e.do(req{method: "GET", path: "/data", cookie: annC})
		for _, s := range []string{`href="/data/export.json"`, `href="/data/export.csv"`, `href="/data/journal.md"`,
			`enctype="multipart/form-data"`, `name="action" value="preview"`, `name="action" value="import"`} {
			if w.Code != 200 || !strings.Contains(w.Body.String(), s) {
				t.Errorf("/data: %d, want %s in the page", w.Code, s)
			}
		}
		backup := e.do(req{method: "GET", path: "/data/export.json", cookie: annC})
		if backup.Code != 200 || !strings.Contains(backup.Header().Get("Content-Disposition"), "stride-backup-2026-06-15.json") {
			t.Fatalf("download: %d %v", backup.Code, backup.Header())
		}
		journal := e.do(req{method: "GET", path: "/data/journal.md", cookie: annC})
		if journal.Code != 200 || !strings.Contains(journal.Body.String(), "**walk**, 25 min: hills") ||
			!strings.Contains(journal.Body.String(), "First step for walk") {
			t.Errorf("journal download: %d\n%s", journal.Code, journal.Body)
		}

		// Preview with htmx: a fragment, nothing written, the file kept.
		w = upload(e, bobC, "ann.json", backup.Body.String(), "preview", true)
		if w.Code != 200 || strings.Contains(w.Body.String(), "<html") ||
			!strings.Contains(w.Body.String(), "Preview of ann.json:") || !strings.Contains(w.Body.String(), "It would create 1 goal, 1 step") ||
			!strings.Contains(w.Body.String(), "Press Import to write it.") {
			t.Errorf("preview (htmx): %d\n%s", w.Code, w.Body)
		}
		if goals, _ := svc.Goals.FindGoals(ctxFor(bob), stride.GoalFilter{}); len(goals) != 0 {
			t.Fatalf("a preview wrote %d goals", len(goals))
		}
		// Without htmx: the whole page, which asks for the file again.
		w = upload(e, bobC, "ann.json", backup.Body.String(), "preview", false)
		if w.Code != 200 || !strings.Contains(w.Body.String(), "<html") || !strings.Contains(w.Body.String(), "choose the file again") {
			t.Errorf("preview (plain form): %d\n%s", w.Code, w.Body)
		}
		// Import: a redirect to the page with what was created.
		w = upload(e, bobC, "ann.json", backup.Body.String(), "import", false)
		if w.Code != 303 || w.Header().Get("Location") != "/data" {
			t.Errorf("import: %d %v", w.Code, w.Header())
		}
		if steps, _ := svc.Steps.FindSteps(ctxFor(bob), stride.StepFilter{}); len(steps) != 1 || steps[0].Note != "hills" {
			t.Errorf("bob's steps after the import: %+v", steps)
		}
		w = upload(e, bobC, "ann.json", backup.Body.String(), "import", true)
		if w.Code != 200 || !strings.Contains(w.Body.String(), "Nothing new: everything in it is here already.") {
			t.Errorf("import again: %d\n%s", w.Code, w.Body)
		}

		for _, c := range []struct {
			name, content, says string
			status              int
		}{
			{"bad.json", "{\"format\": \"stride-backup\",\n\"goals\": [}", "bad.json line 2: the JSON is not valid", 422},
			{"loop.csv", "Date,Value\n", "bad.json", 422},
			{"", "", "Choose a backup file to upload", 422},
		} {
			w := upload(e, annC, c.name, c.content, "import", true)
			if c.name == "loop.csv" {
				c.says = "loop.csv line 1: the JSON is not valid"
			}
			if w.Code != c.status || !strings.Contains(w.Body.String(), c.says) {
				t.Errorf("upload %q: %d\n%s\nwant %d saying %q", c.name, w.Code, w.Body, c.status, c.says)
			}
		}
		// A conflict shows its message in the page with htmx (422) and
		// without it (409), with a link to rename the goal on the web,
		// not the CLI's command.
		clash := `{"format": "stride-backup", "version": 1, "goals": [{"name": "walk", "unit": "km", "start": "2026-06-01",
			"targets": [{"amount": 1, "unit": "km", "per": "day", "from": "2026-06-01"}]}]}`
		bobWalk, err := svc.Goals.FindGoalByName(ctxFor(bob), "walk")
		if err != nil {
			t.Fatal(err)
		}
		rename := fmt.Sprintf(`then import again. <a href="/goals/%d/edit">Edit walk</a> to rename yours.`, bobWalk.ID)
		for htmx, status := range map[bool]int{true: 422, false: 409} {
			w := upload(e, bobC, "clash.json", clash, "import", htmx)
			if b := w.Body.String(); w.Code != status || !strings.Contains(b, "counts km") || !strings.Contains(b, rename) || strings.Contains(b, "stride goal") {
				t.Errorf("a conflicting upload (htmx %v): %d, want %d with the conflict and %q\n%s", htmx, w.Code, status, rename, w.Body)
			}
		}
		if after := e.do(req{method: "GET", path: "/data/export.json", cookie: annC}); after.Body.Len() != backup.Body.Len() {
			t.Errorf("failed uploads changed ann's data")
		}
	})
}
