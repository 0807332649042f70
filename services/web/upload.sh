#!/usr/bin/env bash
# Builds the web client and uploads it to a stage's bucket (after `npx serverless deploy --stage <stage>`):
#   services/web/upload.sh <stage> [region]
# Hashed /assets/ first, cached for a year (immutable), and never deleted: a tab still running the
# previous build may load one of its lazy chunks later. Then index.html and the other unhashed files
# with `no-cache`, so the next page load sees the new build; then an invalidation of index.html for
# any edge that still holds it. Needs the AWS CLI and credentials for the stage's account.
set -euo pipefail

stage="${1:?usage: services/web/upload.sh <stage> [region]}"
region="${2:-${AWS_REGION:-eu-central-1}}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
dist="$root/clients/web/dist"

output() {
  aws cloudformation describe-stacks --region "$region" --stack-name "parley-web-$stage" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}

# The build is the same for every stage: the app finds the API and the WebSocket on its own origin.
(cd "$root" && npm run build:web)

bucket="$(output WebBucketName)"
distribution="$(output DistributionId)"

aws s3 sync "$dist/assets" "s3://$bucket/assets" --region "$region" \
  --cache-control 'public, max-age=31536000, immutable'
aws s3 sync "$dist" "s3://$bucket" --region "$region" --exclude 'assets/*' --delete \
  --cache-control 'no-cache'
aws cloudfront create-invalidation --distribution-id "$distribution" --paths '/index.html' >/dev/null

echo "Uploaded clients/web/dist to s3://$bucket; the app is at $(output WebUrl)"
