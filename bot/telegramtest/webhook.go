package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// SecretHeader is the header in which Telegram sends a webhook's secret
// token.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// webhookClient posts webhook updates; the timeout keeps a stuck handler
// from hanging the test.
var webhookClient = &http.Client{Timeout: 30 * time.Second}

// lastWebhookUpdate numbers the updates PostWebhook sends without one.
var lastWebhookUpdate atomic.Int64

// PostWebhook posts update to the bot's webhook handler at url as Telegram
// does: a JSON body and, unless secret is "", the secret token in the
// X-Telegram-Bot-Api-Secret-Token header. update is anything Push takes;
// without an update_id it gets one. The caller must close the response
// body. It fails if update is not a JSON object or the request fails; a
// response with any status is not a failure.
func PostWebhook(url, secret string, update any) (*http.Response, error) {
	raw, err := rawJSON(update)
	if err != nil {
		return nil, fmt.Errorf("post webhook update: %w", err)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		return nil, fmt.Errorf("post webhook update: not a JSON object: %.200s", raw)
	}
	if _, ok := fields["update_id"]; !ok {
		fields["update_id"] = json.RawMessage(strconv.FormatInt(500000000+lastWebhookUpdate.Add(1), 10))
		if raw, err = json.Marshal(fields); err != nil {
			return nil, fmt.Errorf("post webhook update: %w", err)
		}
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("post webhook update to %s: %w", url, err)
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(SecretHeader, secret)
	}
	resp, err := webhookClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("post webhook update: %w", err)
	}
	return resp, nil
}
