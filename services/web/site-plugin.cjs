'use strict';
/**
 * `serverless deploy` of the web stack ships the site too: after CloudFormation has the bucket and the
 * distribution, this builds the web client (`npm run build:web`, the same build for every stage) and
 * uploads it with site.cjs, to the bucket and distribution the stack's outputs name. `npm run package`
 * (no credentials) is not a deploy and uploads nothing. `PARLEY_SKIP_SITE_UPLOAD=1` deploys the
 * infrastructure alone (upload.sh, with the AWS CLI, does the same upload later).
 */
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const { DescribeStacksCommand } = require('@aws-sdk/client-cloudformation');
const { CloudFrontClient } = require('@aws-sdk/client-cloudfront');
const { S3Client } = require('@aws-sdk/client-s3');
const { uploadSite } = require('./site.cjs');

const root = join(__dirname, '..', '..');

class ParleySite {
  constructor(serverless, _options, { log } = {}) {
    this.serverless = serverless;
    this.log = log ?? { notice: (m) => console.log(m) };
    this.hooks = { 'after:deploy:deploy': () => this.deploySite() };
  }

  /** The stack's outputs by key. */
  async outputs(provider) {
    const cfn = await provider.getCloudFormationClient();
    const out = await cfn.send(new DescribeStacksCommand({ StackName: provider.naming.getStackName() }));
    return Object.fromEntries((out.Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
  }

  async deploySite({
    build = () => execFileSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' }),
    dist = join(root, 'clients', 'web', 'dist'),
  } = {}) {
    if (process.env.PARLEY_SKIP_SITE_UPLOAD === '1') {
      this.log.notice('PARLEY_SKIP_SITE_UPLOAD=1: the site was not uploaded (services/web/upload.sh does it)');
      return undefined;
    }
    const provider = this.serverless.getProvider('aws');
    const outputs = await this.outputs(provider);
    if (!outputs.WebBucketName || !outputs.DistributionId)
      throw new Error('the web stack has no WebBucketName or DistributionId output: was it deployed?');
    build();
    const config = await provider.getAwsSdkV3Config();
    const result = await uploadSite({
      s3: new S3Client(config),
      // CloudFront's API lives in us-east-1 whatever the stack's region
      cloudfront: new CloudFrontClient({ ...config, region: 'us-east-1' }),
      bucket: outputs.WebBucketName,
      distributionId: outputs.DistributionId,
      dist,
      log: (m) => this.log.notice(m),
    });
    this.log.notice(`the app is at ${outputs.WebUrl}`);
    return result;
  }
}

module.exports = ParleySite;
