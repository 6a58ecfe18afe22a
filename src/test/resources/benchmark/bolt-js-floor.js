// The Bolt-for-JavaScript peer of BareBoltFloor (the second comparison): Bolt's own HTTPReceiver with its
// signature check -> a slash command listener reading an in-memory map -> the same ephemeral answer, acked in the
// HTTP response. Started by BoltJsFloorProcess as `node bolt-js-floor.js <port> <signing secret> <owners file>`, the
// owners file holding one "<service> <team>" per line.
const fs = require('fs');
const { App, LogLevel } = require('@slack/bolt');

const [port, signingSecret, ownersFile] = process.argv.slice(2);
const owners = new Map();
for (const line of fs.readFileSync(ownersFile, 'utf8').split('\n')) {
  const [service, team] = line.split(' ');
  if (service && team) {
    owners.set(service, team);
  }
}

// A token with its bot ids given and no verification: Bolt then makes no call to Slack (there is no network here).
const app = new App({
  signingSecret,
  token: 'xoxb-benchmark',
  botId: 'B0BENCH',
  botUserId: 'U0BENCH',
  tokenVerificationEnabled: false,
  processBeforeResponse: true,
  logLevel: LogLevel.ERROR,
});

app.command('/platform', async ({ command, ack }) => {
  const text = (command.text || '').trim();
  const name = text.startsWith('owner ') ? text.substring('owner '.length).trim() : text;
  const team = owners.get(name);
  if (team === undefined) {
    await ack({ response_type: 'ephemeral', text: 'There is no service named `' + name + '` in the catalog.' });
    return;
  }
  const number = team.substring('team-'.length);
  const lines = '*' + name + '* is owned by *' + team + '* (Team ' + number + ')'
    + '\n*Channel:* #' + team
    + '\n*On-call:* <@U0ONCALL' + number + '>'
    + '\n*Who to ask:* <@U0LEAD' + number + '>, <@U0DEV' + number + '>';
  await ack({
    response_type: 'ephemeral',
    text: 'Owner of ' + name + ': ' + team,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: lines } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Not urgent? Ask in #' + team + ' first; page the on-call only for an outage.' }] },
    ],
  });
});

(async () => {
  await app.start({ port: Number(port), host: '127.0.0.1' });
  console.log('BOLT-JS-FLOOR READY on 127.0.0.1:' + port);
})();
