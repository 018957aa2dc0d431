/**
 * `adtc serve` as a MiCADO user drives it: the curl commands of the submitter REST API (seed 003) over HTTPS with
 * basic auth, against the API-server double: launch, status, list, update, validate with a mistake (its
 * diagnostic on the right line), launch refused for that mistake, undeploy; credentials and upload limits;
 * a URL the offline server will not fetch; no open server on a non-loopback address. (A path holding "+" goes
 * with --data-urlencode: in a form, -d sends "+" as a space.)
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { main } from '../compiler/src/cli/adtc.js';
import { curl, startServe, STRESSNG_ADT, until } from './harness/serve.js';

const s = suite('adtc serve: the submitter REST API');
const V1 = '/toscasubmitter/v1.0';
const USER = { kind: 'basic', user: 'admin', password: 'pa55-w0rd' } as const;

/** The ADT with its container's type misspelt on line 14. */
async function mistaken(dir: string): Promise<string> {
  const text = (await readFile(STRESSNG_ADT, 'utf8')).split('\n');
  assert.match(text[13]!, /type: tosca\.nodes\.MiCADO\.Container\.Application\.Docker\.Deployment/);
  text[13] = text[13]!.replace('Docker.Deployment', 'Dockr.Deployment');
  const path = join(dir, 'stressng-mistake.yaml');
  await writeFile(path, text.join('\n'));
  return path;
}

const phase = (json: Record<string, any>) => json['data']?.['status']?.['adtc'] as string | undefined;

s('launch, status, list, update, validate, undeploy: curl as in seed 003 over HTTPS with basic auth', async () => {
  const served = await startServe({ credentials: USER, tls: true });
  try {
    const base = served.url.replace('https://', 'https://admin:pa55-w0rd@');
    assert.match(base, /^https:\/\/admin:pa55-w0rd@127\.0\.0\.1:\d+$/);
    const launch = await curl(['--insecure', '-F', `file=@${STRESSNG_ADT}`, '-F', 'id=stress', '-X', 'POST', `${base}${V1}/app/launch/`]);
    assert.is(launch.status, 200, launch.body);
    assert.is(launch.json['status_code'], 200);
    assert.match(launch.json['message'], /^Thread to deploy application launched\. To check the progress: .*\/toscasubmitter\/v1\.0\/app\/stress\/status/);
    const deployed = await until('the launch to finish', async () => {
      const status = await curl(['--insecure', '-X', 'GET', `${base}${V1}/app/stress/status`]);
      return phase(status.json) === 'deployed' || phase(status.json) === 'failed' ? status : undefined;
    });
    assert.is(phase(deployed.json), 'deployed', deployed.body);
    assert.is(deployed.json['message'], 'Detail application stress');
    assert.ok((deployed.json['data']['progress'] as string[]).some((l) => /stress deployed: \d+ objects/.test(l)), deployed.body);
    assert.ok(served.api.get('apps/v1', 'Deployment', 'stressng', 'default'), 'the Deployment exists in the cluster');

    const list = await curl(['--insecure', '-X', 'GET', `${base}${V1}/list_app/`]);
    assert.is(list.json['message'], 'List running applications');
    assert.equal((list.json['data'] as { id: string; type: string }[]).map((a) => [a.type, a.id]), [['application', 'stress']]);

    const again = await curl(['--insecure', '-F', `file=@${STRESSNG_ADT}`, '-F', 'id=stress', '-X', 'POST', `${base}${V1}/app/launch/`]);
    assert.is(again.status, 400);
    assert.match(again.json['message'], /id already register on this service/);

    const update = await curl(['--insecure', '-F', `file=@${STRESSNG_ADT}`, '-X', 'PUT', `${base}${V1}/app/update/stress`]);
    assert.is(update.status, 200, update.body);
    const updated = await until('the update to finish', async () => {
      const status = await curl(['--insecure', `${base}${V1}/app/stress/status`]);
      return phase(status.json) === 'deployed' || phase(status.json) === 'failed' ? status : undefined;
    });
    assert.ok((updated.json['data']['progress'] as string[]).some((l) => /stress updated/.test(l)), updated.body);

    const broken = await mistaken(served.dir);
    const validate = await curl(['--insecure', '-F', `file=@${broken}`, '-X', 'POST', `${base}${V1}/app/validate/`]);
    assert.is(validate.status, 422, validate.body);
    const errors = (validate.json['data']['diagnostics'] as { severity: string; line: number; column: number; code: string; message: string }[]).filter((d) => d.severity === 'error');
    assert.ok(errors.length >= 1, validate.body);
    assert.is(errors[0]!.line, 14);
    assert.match(errors[0]!.code, /^ADT\d{4}$/);
    assert.match(errors[0]!.message, /Dockr/);
    assert.match(validate.json['message'], /^The application is not valid: .*line 14/);
    const fine = await curl(['--insecure', '-F', `file=@${STRESSNG_ADT}`, '-X', 'POST', `${base}${V1}/app/validate/`]);
    assert.is(fine.json['message'], 'The provided application template is valid');

    const refused = await curl(['--insecure', '-F', `file=@${broken}`, '-F', 'id=broken', '-X', 'POST', `${base}${V1}/app/launch/`]);
    assert.is(refused.status, 422);
    assert.match(refused.json['message'], /line 14/);
    const unknown = await curl(['--insecure', `${base}${V1}/app/broken/status`]);
    assert.is(unknown.status, 404);
    assert.is(unknown.json['message'], 'App with ID broken does not exist');

    const undeploy = await curl(['--insecure', '-X', 'DELETE', `${base}${V1}/app/undeploy/stress`]);
    assert.is(undeploy.json['message'], 'successfully send undeployed for stress to MiCADO master');
    const gone = await until('the undeploy to finish', async () => {
      const status = await curl(['--insecure', `${base}${V1}/app/stress/status`]);
      return phase(status.json) === 'undeployed' || phase(status.json) === 'failed' ? status : undefined;
    });
    assert.is(phase(gone.json), 'undeployed', gone.body);
    assert.is(served.api.get('apps/v1', 'Deployment', 'stressng', 'default'), undefined);
    const empty = await curl(['--insecure', `${base}${V1}/list_app/`]);
    assert.is(empty.json['message'], 'There are no running applications');
    assert.not.match(served.output(), /pa55-w0rd/);
  } finally {
    assert.is(await served.stop(), 0);
  }
});

s('v2.0: synchronous deploy, info, update from JSON, a refused ADT with its diagnostics, delete', async () => {
  const served = await startServe({ credentials: USER });
  const V2 = `${served.url.replace('http://', 'http://admin:pa55-w0rd@')}/toscasubmitter/v2.0/applications`;
  try {
    const deployed = await curl(['-F', `adt=@${STRESSNG_ADT}`, '-X', 'POST', `${V2}/web/`]);
    assert.is(deployed.status, 200, deployed.body);
    assert.is(deployed.json['message'], 'Application web successfully deployed');
    assert.ok(served.api.get('apps/v1', 'Deployment', 'stressng', 'default'), 'deployed when the answer comes');
    assert.equal((await curl([`${V2}/`])).json, { message: 'MiCADO Applications', applications: ['web'] });
    const info = await curl([`${V2}/web/`]);
    assert.is(info.json['message'], 'MiCADO Application Info');
    assert.equal(info.json['adaptors'], { adtc: 'deployed' });
    const twice = await curl(['-F', `adt=@${STRESSNG_ADT}`, '-X', 'POST', `${V2}/web/`]);
    assert.is(twice.status, 400);
    assert.is(twice.json['message'], '400 Bad Request: The application ID already exists');
    const asObject = JSON.stringify({ adt: parse(await readFile(STRESSNG_ADT, 'utf8')), dryrun: false });
    const updated = await curl(['-H', 'content-type: application/json', '--data-binary', asObject, '-X', 'PUT', `${V2}/web/`]);
    assert.is(updated.status, 200, updated.body);
    assert.is(updated.json['message'], 'Application web successfully updated');
    const refused = await curl(['-F', `adt=@${await mistaken(served.dir)}`, '-X', 'POST', `${V2}/bad/`]);
    assert.is(refused.status, 500);
    assert.match(refused.json['message'], /^500 Internal Server Error: Error while validating: The application is not valid: .*line 14/);
    assert.is((refused.json['diagnostics'] as { severity: string; line: number }[]).find((d) => d.severity === 'error')?.line, 14);
    const deleted = await curl(['-X', 'DELETE', `${V2}/web/`]);
    assert.is(deleted.json['message'], 'Application web successfully deleted');
    assert.is(served.api.get('apps/v1', 'Deployment', 'stressng', 'default'), undefined);
    const gone = await curl([`${V2}/web/`]);
    assert.is(gone.status, 404);
    assert.is(gone.json['message'], '404 Not Found: Application web does not exist');
    assert.is((await curl([`${served.url}/toscasubmitter/v2.0/applications/`])).status, 401);
  } finally {
    await served.stop();
  }
});

s('unauthenticated and wrongly authenticated requests are refused; a bearer token works; the probes stay open', async () => {
  const served = await startServe({ credentials: { kind: 'bearer', token: 'sesame-0123456789' } });
  try {
    const none = await curl(['-i', `${served.url}${V1}/list_app/`]);
    assert.is(none.status, 401);
    assert.match(none.body, /www-authenticate: Bearer realm="adtc"/i);
    assert.match(none.body, /authentication required/);
    const upload = await curl(['-F', `file=@${STRESSNG_ADT}`, `${served.url}${V1}/app/launch/`]);
    assert.is(upload.status, 401);
    assert.is((await curl(['-H', 'Authorization: Bearer wrong', `${served.url}${V1}/list_app/`])).status, 401);
    assert.is((await curl(['-u', 'admin:sesame-0123456789', `${served.url}${V1}/list_app/`])).status, 401);
    assert.is((await curl([`${served.url}/apps`])).status, 401);
    const ok = await curl(['-H', 'Authorization: Bearer sesame-0123456789', `${served.url}${V1}/list_app/`]);
    assert.is(ok.status, 200);
    assert.is(ok.json['message'], 'There are no running applications');
    assert.is((await curl([`${served.url}/healthz`])).body, 'ok\n');
    assert.is((await curl([`${served.url}/metrics`])).status, 200);
    assert.equal(await served.api.all('apps/v1', 'Deployment'), []);
  } finally {
    await served.stop();
  }
});

s('an upload over the limit is refused with 413 and deploys nothing', async () => {
  const served = await startServe({ maxUploadBytes: 1000 });
  try {
    const big = await curl(['-F', `file=@${STRESSNG_ADT}`, '-F', 'id=big', `${served.url}${V1}/app/launch/`]);
    assert.is(big.status, 413, big.body);
    assert.match(big.json['message'], /exceeds 1000 bytes|at most 1000 are accepted/);
    assert.match(big.json['message'], /--max-upload/);
    assert.is((await curl([`${served.url}${V1}/app/big/status`])).status, 404);
  } finally {
    await served.stop();
  }
});

s('input names a local file; a network URL is refused offline with a way out; no ADT at all is refused; params reach the checks', async () => {
  const served = await startServe();
  try {
    const local = await curl(['--data-urlencode', `input=${pathToFileURL(STRESSNG_ADT).href}`, '-X', 'POST', `${served.url}${V1}/app/validate/`]);
    assert.is(local.status, 200, local.body);
    assert.is(local.json['message'], 'The provided application template is valid');
    const remote = await curl(['-d', 'input=https://example.org/adt.yaml', '-X', 'POST', `${served.url}${V1}/app/launch/`]);
    assert.is(remote.status, 400);
    assert.match(remote.json['message'], /works offline and does not fetch https:\/\/example\.org\/adt\.yaml: upload the ADT instead \(curl -F file=@adt\.yaml\)/);
    const nothing = await curl(['-X', 'POST', `${served.url}${V1}/app/launch/`]);
    assert.is(nothing.status, 400);
    assert.match(nothing.json['message'], /^Application template is required/);
    const params = await curl(['-F', `file=@${STRESSNG_ADT}`, '-F', "params={'nosuch': 1, 'debug': True}", `${served.url}${V1}/app/validate/`]);
    assert.is(params.status, 422, params.body);
    assert.match((params.json['data']['diagnostics'] as { message: string }[]).map((d) => d.message).join('\n'), /'nosuch', which the ADT does not declare/);
    const notMap = await curl(['-F', `file=@${STRESSNG_ADT}`, '-F', 'params=[1, 2]', `${served.url}${V1}/app/validate/`]);
    assert.is(notMap.status, 400);
    assert.match(notMap.json['message'], /^Parsed params are not a valid map \(dict\)/);
    const badId = await curl(['-F', `file=@${STRESSNG_ADT}`, '-F', 'id=Not_A_Label', `${served.url}${V1}/app/launch/`]);
    assert.is(badId.status, 400);
    assert.match(badId.json['message'], /lowercase letters, digits and '-'/);
  } finally {
    await served.stop();
  }
});

s('adtc serve refuses a non-loopback address without credentials, and TLS with half a key pair', async () => {
  const saved = ['ADTC_SERVE_TOKEN', 'ADTC_SERVE_USER', 'ADTC_SERVE_PASSWORD'].map((k) => [k, process.env[k]] as const);
  for (const [k] of saved) delete process.env[k];
  let err = '';
  const io = { cwd: process.cwd(), isTerminal: false, stdout: () => undefined, stderr: (t: string) => void (err += t) };
  try {
    assert.is(await main(['serve', '--listen', '0.0.0.0:0', '--state-dir', '/nonexistent-adtc'], io), 2);
    assert.match(err, /serving on 0\.0\.0\.0 without credentials would let anyone on the network deploy to the cluster; set \$ADTC_SERVE_TOKEN/);
    err = '';
    assert.is(await main(['serve', '--listen', '127.0.0.1:0', '--cert', 'c.pem', '--state-dir', '/nonexistent-adtc'], io), 2);
    assert.match(err, /TLS needs both --cert and --key/);
    err = '';
    process.env['ADTC_SERVE_USER'] = 'admin';
    assert.is(await main(['serve', '--listen', '0.0.0.0:0'], io), 2);
    assert.match(err, /basic auth needs both \$ADTC_SERVE_USER/);
  } finally {
    for (const [k, v] of saved) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
});

s.run();
