/**
 * The site's one "way back in without SSH" text, used by <CloudRescue /> on the page and by the
 * Markdown twin. Markdown with no headings (the page renders each provider's heading itself and a
 * page may show the block several times, so it must not add heading ids). Prerequisites come
 * first because a serial console is a dead end for a key-only cloud user.
 */
import type { ProviderKey } from './providers.ts';

export const RESCUE_TITLE = 'How to get back in when SSH is locked out';

export const RESCUE_PREREQUISITES = `Each way below runs commands on the VM without SSH. Check its prerequisites before you rely on it:

- A **serial console** (EC2 Serial Console, GCP serial port, Azure Serial Console) only gives you a login prompt: it must be enabled, and it needs an OS user **with a password**. Cloud images create users with a key and no password, so on most VMs that prompt cannot be passed. Use a password-free way first.
- **AWS Session Manager and Run Command** need the SSM Agent running (preinstalled on Amazon Linux and Ubuntu AMIs, not on RHEL), an instance profile with \`AmazonSSMManagedInstanceCore\`, and outbound HTTPS to the SSM endpoints (or VPC endpoints).
- **Azure Run Command** needs only the VM agent; a **GCP startup script** needs only the guest environment that Google's images ship.
- **EC2 Instance Connect** and **GCP OS Login** only put a key in place: sshd must still be running and reachable, so they help with key problems, not with a broken sshd or a closed firewall.

Once in, run the check and the fix from this cause's Ubuntu or RHEL tab, then remove what you added (startup script, temporary password).`;

export const RESCUE_BY_PROVIDER: Record<ProviderKey, string> = {
  aws: `**Run Command through SSM** (first check that the agent is online):

\`\`\`sh
aws ssm describe-instance-information --filters Key=InstanceIds,Values=i-0123456789abcdef0
aws ssm send-command --instance-ids i-0123456789abcdef0 --document-name AWS-RunShellScript \\
  --parameters 'commands=["sshd -t", "systemctl status ssh sshd --no-pager"]'
aws ssm get-command-invocation --command-id COMMAND_ID --instance-id i-0123456789abcdef0
\`\`\`

\`aws ssm start-session --target i-0123456789abcdef0\` gives an interactive shell (needs the Session Manager plugin on your computer).

**Without SSM: swap the root volume.** Stop the instance, attach its root volume to a helper instance in the same Availability Zone, fix the files there, and attach it back under its root device name. A public IPv4 address that is not an Elastic IP changes when the instance stops.

\`\`\`sh
aws ec2 describe-instances --instance-ids i-0123456789abcdef0 \\
  --query 'Reservations[].Instances[].[RootDeviceName,BlockDeviceMappings[0].Ebs.VolumeId]'
aws ec2 stop-instances --instance-ids i-0123456789abcdef0
aws ec2 detach-volume --volume-id vol-0123456789abcdef0
aws ec2 attach-volume --volume-id vol-0123456789abcdef0 --instance-id i-0HELPER --device /dev/sdf
# on the helper: lsblk; sudo mount /dev/nvme1n1p1 /mnt; fix under /mnt; sudo umount /mnt
aws ec2 detach-volume --volume-id vol-0123456789abcdef0
aws ec2 attach-volume --volume-id vol-0123456789abcdef0 --instance-id i-0123456789abcdef0 --device ROOT_DEVICE_NAME
aws ec2 start-instances --instance-ids i-0123456789abcdef0
\`\`\`

**Lost or wrong key:** the \`AWSSupport-ResetAccess\` automation does the swap for you and stores a new private key in Parameter Store (\`/ec2rl/openssh/INSTANCE_ID/key\`). It stops the instance.

\`\`\`sh
aws ssm start-automation-execution --document-name AWSSupport-ResetAccess --parameters InstanceId=i-0123456789abcdef0
\`\`\`

**EC2 Instance Connect** (\`aws ec2-instance-connect ssh --instance-id i-…\`) needs the \`ec2-instance-connect\` package on the instance (Amazon Linux 2023, Ubuntu 20.04 and later; not RHEL AMIs), the IAM permission \`ec2-instance-connect:SendSSHPublicKey\`, and port 22 open to the EC2 Instance Connect address range or an EIC Endpoint. **EC2 Serial Console** needs \`aws ec2 enable-serial-console-access\` (once per Region), a Nitro instance and a user with a password (\`AWSSupport-ResetLinuxUserPassword\` sets one).`,

  gcp: `**Startup script, then reset** (no password, no SSH; the script runs as root at boot). Put the fix from this cause's Ubuntu or RHEL tab in place of the \`sshd -t\` line:

\`\`\`sh
gcloud compute instances add-metadata VM --zone ZONE --metadata startup-script='#! /bin/bash
sshd -t && { systemctl restart ssh || systemctl restart sshd; }'
# reset is a hard power-cycle (no clean shutdown): stop running work first
gcloud compute instances reset VM --zone ZONE
gcloud compute instances get-serial-port-output VM --zone ZONE | grep -i startup-script
gcloud compute instances remove-metadata VM --zone ZONE --keys startup-script
\`\`\`

\`reset\` is a hard reboot; \`stop\` then \`start\` shuts down cleanly. The script's output is in the serial port log, which \`get-serial-port-output\` reads without any login. \`gcloud compute ssh VM --zone ZONE --troubleshoot\` checks IAM permissions, the network, the VM status and the VPC for you.

**Serial console** (interactive): \`gcloud compute instances add-metadata VM --zone ZONE --metadata serial-port-enable=TRUE\`, then \`gcloud compute connect-to-serial-port VM --zone ZONE\`. The login prompt needs a user with a password (set one from a startup script with \`chpasswd\`, and remove it afterwards).

**OS Login:** with \`enable-oslogin=TRUE\` in the metadata, SSH keys in metadata are ignored; your account needs \`roles/compute.osAdminLogin\` (with sudo) or \`roles/compute.osLogin\`, and \`gcloud compute ssh\` then registers your key with OS Login.`,

  azure: `**Run Command** (needs only the VM agent):

\`\`\`sh
az vm run-command invoke -g RG -n VM --command-id RunShellScript \\
  --scripts "sshd -t" "systemctl status ssh sshd --no-pager"
\`\`\`

**VMAccess:** \`az vm user update -g RG -n VM -u USER --ssh-key-value "$(cat ~/.ssh/id_ed25519.pub)"\` puts your key in place; \`az vm user reset-ssh -g RG -n VM\` resets the sshd configuration to defaults and restarts sshd.

**Agent not running or VM not booting:** \`az vm repair\` copies the OS disk onto a new repair VM, where you mount it and fix the files, then swaps the fixed disk back:

\`\`\`sh
az vm repair create -g RG -n VM --verbose
az vm repair restore -g RG -n VM --verbose
\`\`\`

**Serial Console** (portal › the VM › Help › Serial console) needs boot diagnostics enabled and a user with a password.`,

  vps: `**Rescue system:** in the provider's panel, boot the rescue system (Hetzner Rescue, OVHcloud rescue mode, DigitalOcean Recovery ISO, Linode Rescue Mode), then mount the VM's disk and fix the files under it:

\`\`\`sh
lsblk -f
mount /dev/sda1 /mnt     # the root partition lsblk shows
ls -l /mnt/etc/ssh/sshd_config.d/
umount /mnt
\`\`\`

Then boot normally again from the panel. **Web console** (the panel's VNC or "Console" button, Linode's Lish): a login prompt on the VM itself, so it needs a user with a password; most panels offer "reset root password" for that.`,
};
