from django.db import migrations, models


def first_token(apps, schema_editor):
    import secrets

    apps.get_model("ops", "DataVersion").objects.using(schema_editor.connection.alias).create(
        pk=1, token=secrets.token_hex(16)
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=32)),
            ],
            options={"verbose_name": "data version"},
        ),
        migrations.RunPython(first_token, migrations.RunPython.noop),
    ]
