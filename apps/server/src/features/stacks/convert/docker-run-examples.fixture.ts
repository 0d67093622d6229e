// Realistic `docker run` commands, as people paste them from READMEs and shell history, with the
// compose file each must become (as YAML reads it back). The unit test checks the conversion; the
// integration test hands every result to the real Compose CLI.

export interface DockerRunExample {
  title: string;
  command: string;
  /** The compose file, parsed. */
  compose: unknown;
  /** The warnings, in order. */
  warnings: RegExp[];
  /** Files the compose file refers to (relative to it), which `compose config` wants to exist. */
  files?: Record<string, string>;
}

export const DOCKER_RUN_EXAMPLES: DockerRunExample[] = [
  {
    title: 'nginx with ports, a bind and a named volume, and a restart policy',
    command:
      'docker run -d --name web -p 8080:80 -p 127.0.0.1:8443:443/tcp -v /srv/www:/usr/share/nginx/html:ro -v nginx-cache:/var/cache/nginx --restart unless-stopped nginx:1.27',
    compose: {
      services: {
        web: {
          image: 'nginx:1.27',
          container_name: 'web',
          ports: ['8080:80', '127.0.0.1:8443:443/tcp'],
          volumes: ['/srv/www:/usr/share/nginx/html:ro', 'nginx-cache:/var/cache/nginx'],
          restart: 'unless-stopped',
        },
      },
      volumes: { 'nginx-cache': { name: 'nginx-cache' } },
    },
    warnings: [],
  },
  {
    title: 'postgres with env (a $ in a quoted password, one bare name), a named volume and a healthcheck',
    command: `docker run -d --name db \\
  -e POSTGRES_USER=app \\
  -e POSTGRES_PASSWORD='s3cr$t pass' \\
  -e POSTGRES_DB \\
  -v pgdata:/var/lib/postgresql/data \\
  --health-cmd "pg_isready -U app" --health-interval 10s --health-timeout 5s \\
  --health-retries 5 --health-start-period 30s \\
  --shm-size 256m \\
  postgres:16`,
    compose: {
      services: {
        db: {
          image: 'postgres:16',
          container_name: 'db',
          environment: { POSTGRES_USER: 'app', POSTGRES_PASSWORD: 's3cr$$t pass', POSTGRES_DB: null },
          volumes: ['pgdata:/var/lib/postgresql/data'],
          healthcheck: {
            test: ['CMD-SHELL', 'pg_isready -U app'],
            interval: '10s',
            timeout: '5s',
            retries: 5,
            start_period: '30s',
          },
          shm_size: '256m',
        },
      },
      volumes: { pgdata: { name: 'pgdata' } },
    },
    warnings: [/-e POSTGRES_DB has no value/],
  },
  {
    title: 'a host-network app run with sudo',
    command:
      'sudo docker run -d --network host --name homeassistant --privileged -e TZ=Europe/Amsterdam -v /opt/ha/config:/config -v /run/dbus:/run/dbus:ro --restart=unless-stopped ghcr.io/home-assistant/home-assistant:stable',
    compose: {
      services: {
        homeassistant: {
          image: 'ghcr.io/home-assistant/home-assistant:stable',
          container_name: 'homeassistant',
          environment: { TZ: 'Europe/Amsterdam' },
          volumes: ['/opt/ha/config:/config', '/run/dbus:/run/dbus:ro'],
          network_mode: 'host',
          restart: 'unless-stopped',
          privileged: true,
        },
      },
    },
    warnings: [],
  },
  {
    title: 'a user network with aliases and a fixed address, and a command with flags after the image',
    command:
      'docker run -dp 3000:3000 --name api --net=backend --network-alias api.internal --network-alias svc --ip 172.20.0.10 -e NODE_ENV=production myorg/api:2.1.0 node server.js --port 3000',
    compose: {
      services: {
        api: {
          image: 'myorg/api:2.1.0',
          container_name: 'api',
          command: ['node', 'server.js', '--port', '3000'],
          environment: { NODE_ENV: 'production' },
          ports: ['3000:3000'],
          networks: { backend: { aliases: ['api.internal', 'svc'], ipv4_address: '172.20.0.10' } },
        },
      },
      networks: { backend: { external: true } },
    },
    warnings: [],
  },
  {
    title: 'memory, CPU and process limits and ulimits',
    command:
      'docker run -d --name worker --cpus 1.5 --cpu-shares 512 -m 512m --memory-reservation 256m --memory-swap 1g --pids-limit 200 --ulimit nofile=1024:65536 --ulimit nproc=512 --oom-score-adj -500 redis:7-alpine redis-server --appendonly yes',
    compose: {
      services: {
        worker: {
          image: 'redis:7-alpine',
          container_name: 'worker',
          command: ['redis-server', '--appendonly', 'yes'],
          mem_limit: '512m',
          mem_reservation: '256m',
          memswap_limit: '1g',
          oom_score_adj: -500,
          cpus: 1.5,
          cpu_shares: 512,
          pids_limit: 200,
          ulimits: { nofile: { soft: 1024, hard: 65536 }, nproc: 512 },
        },
      },
    },
    warnings: [],
  },
  {
    title: 'capabilities, devices, sysctls, DNS and extra hosts (a VPN)',
    command:
      'docker run -d --name vpn --cap-add=NET_ADMIN --cap-add SYS_MODULE --cap-drop ALL --device /dev/net/tun --device=/dev/dri:/dev/dri:rwm --sysctl net.ipv4.conf.all.src_valid_mark=1 --security-opt no-new-privileges:true -p 51820:51820/udp --dns 1.1.1.1 --add-host host.docker.internal:host-gateway lscr.io/linuxserver/wireguard',
    compose: {
      services: {
        vpn: {
          image: 'lscr.io/linuxserver/wireguard',
          container_name: 'vpn',
          ports: ['51820:51820/udp'],
          extra_hosts: ['host.docker.internal:host-gateway'],
          dns: ['1.1.1.1'],
          cap_add: ['NET_ADMIN', 'SYS_MODULE'],
          cap_drop: ['ALL'],
          security_opt: ['no-new-privileges:true'],
          devices: ['/dev/net/tun', '/dev/dri:/dev/dri:rwm'],
          sysctls: { 'net.ipv4.conf.all.src_valid_mark': '1' },
        },
      },
    },
    warnings: [],
  },
  {
    title:
      'a multi-line paste with continuations, quoted args with spaces, $ kept literal and a shell variable',
    command: `docker run --rm -it \\
  --name shell-test \\
  -e GREETING="hello world" \\
  -e 'PRICE=$5' \\
  -e HOME_DIR=$HOME \\
  -w /work \\
  busybox:1.36 \\
  sh -c 'echo "$GREETING costs $PRICE" && sleep 3600'`,
    compose: {
      services: {
        'shell-test': {
          image: 'busybox:1.36',
          container_name: 'shell-test',
          command: ['sh', '-c', 'echo "$$GREETING costs $$PRICE" && sleep 3600'],
          working_dir: '/work',
          environment: { GREETING: 'hello world', PRICE: '$$5', HOME_DIR: '${HOME}' },
          tty: true,
          stdin_open: true,
        },
      },
    },
    warnings: [/^--rm has no place in a stack/, /shell variables \(\$HOME\)/],
  },
  {
    title: 'labels with = and backticks in the value, and a bare label',
    command:
      'docker run -d --name whoami -l traefik.enable=true -l \'traefik.http.routers.whoami.rule=Host(`whoami.example.com`)\' --label "com.example.note=a=b=c" --label empty traefik/whoami:v1.10',
    compose: {
      services: {
        whoami: {
          image: 'traefik/whoami:v1.10',
          container_name: 'whoami',
          labels: {
            'traefik.enable': 'true',
            'traefik.http.routers.whoami.rule': 'Host(`whoami.example.com`)',
            'com.example.note': 'a=b=c',
            empty: '',
          },
        },
      },
    },
    warnings: [],
  },
  {
    title: '--mount of each type: bind, named volume with driver options, tmpfs, anonymous volume',
    command:
      'docker run -d --name files --mount type=bind,source=/srv/files,target=/data,readonly,bind-propagation=rslave --mount type=volume,source=files-cache,target=/cache,volume-driver=local,volume-opt=type=tmpfs,volume-opt=device=tmpfs --mount type=tmpfs,target=/tmp,tmpfs-size=64m,tmpfs-mode=1770 --mount target=/anon alpine:3.20 sleep infinity',
    compose: {
      services: {
        files: {
          image: 'alpine:3.20',
          container_name: 'files',
          command: ['sleep', 'infinity'],
          volumes: [
            {
              type: 'bind',
              source: '/srv/files',
              target: '/data',
              read_only: true,
              bind: { propagation: 'rslave' },
            },
            { type: 'volume', source: 'files-cache', target: '/cache' },
            { type: 'volume', target: '/anon' },
          ],
          tmpfs: ['/tmp:size=64m,mode=1770'],
        },
      },
      volumes: {
        'files-cache': {
          name: 'files-cache',
          driver: 'local',
          driver_opts: { type: 'tmpfs', device: 'tmpfs' },
        },
      },
    },
    warnings: [],
  },
  {
    title: '--entrypoint with a command whose $((…)) stays for the container’s shell',
    command:
      "docker run --entrypoint /bin/sh --name once alpine:3.20 -c 'echo $((1+2)) > /tmp/x; cat /tmp/x'",
    compose: {
      services: {
        once: {
          image: 'alpine:3.20',
          container_name: 'once',
          entrypoint: ['/bin/sh'],
          command: ['-c', 'echo $$((1+2)) > /tmp/x; cat /tmp/x'],
        },
      },
    },
    warnings: [],
  },
  {
    title: '--env-file (relative paths) and an image by digest',
    command:
      'docker run -d --env-file ./app.env --env-file config/common.env -e LOG_LEVEL=debug --name app -p 80 ghcr.io/acme/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    compose: {
      services: {
        app: {
          image: 'ghcr.io/acme/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
          container_name: 'app',
          environment: { LOG_LEVEL: 'debug' },
          env_file: ['./app.env', 'config/common.env'],
          ports: ['80'],
        },
      },
    },
    warnings: [
      /env file \.\/app\.env is now read relative/,
      /env file config\/common\.env is now read relative/,
    ],
    files: { 'app.env': 'A=1\n', 'config/common.env': 'B=2\n' },
  },
  {
    title: 'sudo docker container run with --name=, udp ports and $(pwd) in a bind',
    command:
      'sudo docker container run -d --name=pihole -p 53:53/tcp -p 53:53/udp -p 8080:80 -e TZ=\'America/Chicago\' -v "$(pwd)/etc-pihole:/etc/pihole" --dns=127.0.0.1 --hostname pi.hole --restart=unless-stopped pihole/pihole:latest',
    compose: {
      services: {
        pihole: {
          image: 'pihole/pihole:latest',
          container_name: 'pihole',
          hostname: 'pi.hole',
          environment: { TZ: 'America/Chicago' },
          ports: ['53:53/tcp', '53:53/udp', '8080:80'],
          volumes: ['./etc-pihole:/etc/pihole'],
          dns: ['127.0.0.1'],
          restart: 'unless-stopped',
        },
      },
    },
    warnings: [/^\$PWD \(the folder the command ran in\) became \./],
  },
  {
    title: 'podman run with clustered -itd, init, read-only root, tmpfs, logging, stop and pull settings',
    command:
      'podman run -itd --init --read-only --tmpfs /run --tmpfs /tmp:rw,size=64m -u 1000:1000 -w /app --log-driver json-file --log-opt max-size=10m --log-opt max-file=3 --stop-signal SIGINT --stop-timeout 30 --platform linux/amd64 --pull always docker.io/library/node:20 npm start',
    compose: {
      services: {
        node: {
          image: 'docker.io/library/node:20',
          platform: 'linux/amd64',
          pull_policy: 'always',
          command: ['npm', 'start'],
          working_dir: '/app',
          user: '1000:1000',
          tmpfs: ['/run', '/tmp:rw,size=64m'],
          init: true,
          tty: true,
          stdin_open: true,
          read_only: true,
          logging: { driver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } },
          stop_signal: 'SIGINT',
          stop_grace_period: '30s',
        },
      },
    },
    warnings: [],
  },
  {
    title: '--gpus all as a device reservation',
    command: 'docker run -d --gpus all --name ollama -v ollama:/root/.ollama -p 11434:11434 ollama/ollama',
    compose: {
      services: {
        ollama: {
          image: 'ollama/ollama',
          container_name: 'ollama',
          ports: ['11434:11434'],
          volumes: ['ollama:/root/.ollama'],
          deploy: { resources: { reservations: { devices: [{ capabilities: ['gpu'], count: 'all' }] } } },
        },
      },
      volumes: { ollama: { name: 'ollama' } },
    },
    warnings: [/^--gpus became a device reservation/],
  },
  {
    title: 'values YAML would misread: yes, on, 0755, 22:22, *star, &anchor, 2222:22',
    command:
      "docker run -d --name tricky -e ENABLED=yes -e MODE=on -e PERM=0755 -e TIME=22:22 -e STAR='*star' -l 'x=&anchor' -p 2222:22 alpine:3.20 sleep infinity",
    compose: {
      services: {
        tricky: {
          image: 'alpine:3.20',
          container_name: 'tricky',
          command: ['sleep', 'infinity'],
          environment: { ENABLED: 'yes', MODE: 'on', PERM: '0755', TIME: '22:22', STAR: '*star' },
          labels: { x: '&anchor' },
          ports: ['2222:22'],
        },
      },
    },
    warnings: [],
  },
  {
    title: 'no network, no healthcheck, and a variable with a default',
    command:
      'docker run -d --network none --no-healthcheck --name isolated -e TAG=${TAG:-latest} alpine:3.20',
    compose: {
      services: {
        isolated: {
          image: 'alpine:3.20',
          container_name: 'isolated',
          environment: { TAG: '${TAG:-latest}' },
          network_mode: 'none',
          healthcheck: { disable: true },
        },
      },
    },
    warnings: [/shell variables \(\$TAG\)/],
  },
];
